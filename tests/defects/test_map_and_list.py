"""The map and list endpoint: GeoJSON with only what a map needs, filters, pages, and SQL grid clusters."""

from datetime import UTC, datetime, timedelta

import geojson
import pytest

from geo.clustering import cell_size
from geo.roles import Role
from geo.tables import District
from tests.defects.factories import stored_report, town_with_categories
from tests.factories import INSIDE, logged_in, person

URL = "/api/v1/municipalities/taunusstein/reports"
LAT, LON = INSIDE["lat"], INSIDE["lon"]


@pytest.fixture
async def town(taunusstein):
    return await town_with_categories(taunusstein)


async def test_the_map_gets_valid_geojson_with_id_category_status_and_point_only(client, town):
    report_id = await stored_report(town, LAT, LON)
    body = (await client.get(URL)).json()
    assert geojson.loads(geojson.dumps(body)).is_valid
    assert body["total"] == 1
    feature = body["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [LON, LAT]}
    assert feature["properties"] == {
        "id": report_id,
        "category": "strassen",
        "status": "eingegangen",
        "status_group": "open",
    }


async def test_hidden_pending_and_unconfirmed_reports_stay_off_the_public_map_but_staff_see_them(client, town):
    await stored_report(town, LAT, LON)
    await stored_report(town, LAT, LON, visibility="pending")
    await stored_report(town, LAT, LON, visibility="hidden")
    await stored_report(town, LAT, LON, confirmed=False)
    assert (await client.get(URL)).json()["total"] == 1
    await person("staff@taunusstein.example", roles=(Role.STAFF,), municipality=town.municipality)
    await logged_in(client, "staff@taunusstein.example")
    assert (await client.get(URL)).json()["total"] == 3  # confirmed ones, whatever moderation said


async def test_filters_by_bbox_category_status_group_district_and_date(client, town):
    districts = await District.select(District.id).where(District.municipality == town.municipality.id)
    old = datetime.now(UTC) - timedelta(days=40)
    a = await stored_report(town, LAT, LON, district_id=districts[0]["id"])
    b = await stored_report(town, LAT + 0.02, LON + 0.02, category="beleuchtung", status="erledigt")
    c = await stored_report(town, LAT + 0.001, LON + 0.001, status="in_pruefung", created_at=old)

    def ids(response):
        assert response.status_code == 200, response.text
        return {f["id"] for f in response.json()["features"]}

    near = f"{LON - 0.005},{LAT - 0.005},{LON + 0.005},{LAT + 0.005}"
    assert ids(await client.get(URL, params={"bbox": near})) == {a, c}
    assert ids(await client.get(URL, params={"category": "beleuchtung"})) == {b}
    assert ids(await client.get(URL, params={"status_group": "open"})) == {a, c}
    assert ids(await client.get(URL, params={"status_group": "closed"})) == {b}
    assert ids(await client.get(URL, params={"district": districts[0]["id"]})) == {a}
    since = (datetime.now(UTC) - timedelta(days=7)).date().isoformat()
    assert ids(await client.get(URL, params={"since": since})) == {a, b}
    until = (datetime.now(UTC) - timedelta(days=30)).date().isoformat()
    assert ids(await client.get(URL, params={"until": until})) == {c}


@pytest.mark.parametrize(
    ("params", "field"),
    [({"bbox": "1,2,3"}, "bbox"), ({"status_group": "half"}, "status_group"), ({"limit": 0}, "limit")],
)
async def test_bad_filters_are_refused_naming_the_parameter(client, town, params, field):
    response = await client.get(URL, params=params)
    assert response.status_code in (400, 422)
    assert response.json()["errors"][0]["field"] == field


async def test_an_unknown_category_filter_is_a_404_naming_it(client, town):
    response = await client.get(URL, params={"category": "nope"})
    assert response.status_code == 404 and response.json()["errors"][0]["field"] == "category"


async def test_pages_walk_through_every_report_once_with_a_clear_total(client, town):
    created = {await stored_report(town, LAT + i * 0.0001, LON) for i in range(7)}
    seen: list[int] = []
    cursor = None
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = (await client.get(URL, params=params)).json()
        assert page["total"] == 7
        seen += [f["id"] for f in page["features"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(created) and len(seen) == 7
    assert seen == sorted(seen, reverse=True)  # newest first


async def test_zoomed_out_maps_get_grid_clusters_with_counts_and_centroids(client, town):
    # Two groups far apart (in different grid cells at city zoom) and one near the second group.
    for i in range(4):
        await stored_report(town, LAT + i * 0.0001, LON + i * 0.0001)
    far1 = await stored_report(town, LAT + 0.03, LON + 0.03, status="erledigt")
    body = (await client.get(URL, params={"zoom": 12})).json()
    assert body["clustered"] is True and body["total"] == 5
    clusters = sorted(body["features"], key=lambda f: -f["properties"]["count"])
    assert [c["properties"]["count"] for c in clusters] == [4, 1]
    lon, lat = clusters[0]["geometry"]["coordinates"]
    assert lat == pytest.approx(LAT + 0.00015, abs=1e-6) and lon == pytest.approx(LON + 0.00015, abs=1e-6)
    assert clusters[1]["properties"]["id"] == far1  # a single report keeps its id, to open on click
    assert clusters[1]["properties"]["status_group"] == "closed"  # and its status, to be coloured

    zoomed_in = (await client.get(URL, params={"zoom": 17})).json()
    assert "clustered" not in zoomed_in and len(zoomed_in["features"]) == 5
    assert cell_size(12) > cell_size(15) > 0


async def test_a_cursor_that_is_not_ours_is_refused_with_the_field_named(client, town):
    response = await client.get(URL, params={"cursor": "12"})  # the old integer cursors no longer page
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "cursor"


async def _with_details(client, town):
    from contributions.tables import Photo
    from defects.tables import Report

    districts = await District.select(District.id, District.name).where(District.municipality == town.municipality.id)
    shown = await stored_report(town, LAT, LON, district_id=districts[0]["id"])
    bare = await stored_report(town, LAT, LON)
    await Report.update({Report.address: "Aarstraße 12", Report.description: "Ein tiefes Loch " * 20}).where(
        Report.id == shown
    )
    for position, visibility in enumerate(("public", "pending")):
        await Photo(
            municipality=town.municipality.id,
            content_type="defect_report",
            content_id=shown,
            key=f"k{position}",
            width=64,
            height=48,
            position=position,
            visibility=visibility,
        ).save()
    await Photo(
        municipality=town.municipality.id,
        content_type="defect_report",
        content_id=bare,
        key="pending",
        width=64,
        height=48,
        visibility="pending",
    ).save()
    return shown, bare, districts[0]["name"]


@pytest.mark.parametrize("role", [None, Role.RESIDENT, Role.STAFF, Role.MODERATOR, Role.ADMIN, Role.COUNCIL])
async def test_the_list_asks_for_details_street_district_day_excerpt_and_a_visible_thumbnail(client, town, role):
    shown, bare, district = await _with_details(client, town)
    if role is not None:
        await person(f"{role.value}@taunusstein.example", roles=(role,), municipality=town.municipality)
        await logged_in(client, f"{role.value}@taunusstein.example")
    response = await client.get(URL, params={"details": "true"})
    assert response.status_code == 200, response.text
    props = {f["id"]: f["properties"] for f in response.json()["features"]}
    first = props[shown]
    assert first["address"] == "Aarstraße 12" and first["district"] == district
    assert first["excerpt"].startswith("Ein tiefes Loch Ein") and first["excerpt"].endswith("…")
    assert len(first["excerpt"]) <= 140
    assert first["created_at"][:4].isdigit()
    assert first["thumb_url"].endswith("?size=thumb")
    if role in (Role.STAFF, Role.ADMIN):  # the back office sees photos still waiting for moderation
        assert props[bare]["thumb_url"] is not None
    else:
        assert props[bare]["thumb_url"] is None and props[bare]["excerpt"] == ""
    # The map itself stays lean.
    assert set((await client.get(URL)).json()["features"][0]["properties"]) == {
        "id",
        "category",
        "status",
        "status_group",
    }


async def test_details_of_another_municipality_are_not_listed(client, town):
    from geo import services as geo

    await _with_details(client, town)
    await geo.create_from_ags("06439008")
    response = await client.get("/api/v1/municipalities/idstein/reports", params={"details": "true"})
    assert response.status_code == 200 and response.json()["features"] == []


async def test_a_wrong_details_flag_is_a_422_naming_it(client, town):
    response = await client.get(URL, params={"details": "perhaps"})
    assert response.status_code == 422
    assert "details" in response.text
