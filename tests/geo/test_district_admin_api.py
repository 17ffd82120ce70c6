"""Admins keep the districts up to date: rename, delete, clip to the boundary, re-assign reports and proposals."""

from __future__ import annotations

import json

import pytest
from shapely.geometry import box, mapping, shape

from defects.tables import Report
from geo import services as geo
from geo.roles import Role
from geo.tables import District
from proposals.tables import Proposal
from tests.defects.factories import stored_report, town_with_categories
from tests.factories import INSIDE, logged_in, person, split_into_districts
from tests.proposals.factories import admin_of, consultation, proposal

M = "/api/v1/municipalities/taunusstein"


async def _district_ids(municipality_id: int) -> dict[str, int]:
    return {d["name"]: d["id"] for d in await geo.districts_of(municipality_id)}


async def _as_admin(client, taunusstein) -> None:
    await admin_of(taunusstein)
    await logged_in(client, "admin@taunusstein.example")


@pytest.mark.parametrize("role", [None, Role.RESIDENT, Role.STAFF, Role.MODERATOR, Role.COUNCIL])
async def test_only_admins_rename_delete_and_reassign_districts(client, taunusstein, role):
    ids = await _district_ids(taunusstein.id)
    wehen = ids["Wehen"]
    if role is not None:
        await person("someone@example.org", roles=(role,), municipality=taunusstein)
        await logged_in(client, "someone@example.org")
    expected = 401 if role is None else 403
    assert (await client.patch(f"{M}/districts/{wehen}", json={"name": "X"})).status_code == expected
    assert (await client.delete(f"{M}/districts/{wehen}")).status_code == expected
    assert (await client.post(f"{M}/districts/reassign")).status_code == expected
    assert await _district_ids(taunusstein.id) == ids


async def test_an_admin_of_another_municipality_cannot_touch_these_districts(client, taunusstein):
    usingen = await geo.create_from_ags("06434011")
    await person("admin@usingen.example", roles=(Role.ADMIN,), municipality=usingen)
    await logged_in(client, "admin@usingen.example")
    wehen = (await _district_ids(taunusstein.id))["Wehen"]
    assert (await client.patch(f"{M}/districts/{wehen}", json={"name": "X"})).status_code == 403
    assert (await client.delete(f"{M}/districts/{wehen}")).status_code == 403
    assert (await client.post(f"{M}/districts/reassign")).status_code == 403
    # Nor through their own address: the district belongs to Taunusstein.
    response = await client.patch(f"/api/v1/municipalities/usingen/districts/{wehen}", json={"name": "X"})
    assert response.status_code == 404
    assert "Wehen" in await _district_ids(taunusstein.id)


async def test_an_admin_renames_a_district_and_the_map_shows_the_new_name(client, taunusstein):
    await _as_admin(client, taunusstein)
    wehen = (await _district_ids(taunusstein.id))["Wehen"]
    response = await client.patch(f"{M}/districts/{wehen}", json={"name": "Wehen (Kernstadt)"})
    assert response.status_code == 200, response.text
    names = {f["id"]: f["properties"]["name"] for f in response.json()["districts"]["features"]}
    assert names[wehen] == "Wehen (Kernstadt)"
    assert (await client.get(f"{M}/locate", params={"lat": 50.1586, "lon": 8.1781})).status_code == 200


@pytest.mark.parametrize("name", ["Hahn", "   ", ""])
async def test_a_taken_or_empty_name_is_a_422_naming_the_field_and_changes_nothing(client, taunusstein, name):
    await _as_admin(client, taunusstein)
    before = await _district_ids(taunusstein.id)
    response = await client.patch(f"{M}/districts/{before['Wehen']}", json={"name": name})
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == "name"
    assert await _district_ids(taunusstein.id) == before


async def test_deleting_a_district_leaves_its_reports_without_one(client, taunusstein):
    town = await town_with_categories(taunusstein)
    await _as_admin(client, taunusstein)
    wehen = (await _district_ids(taunusstein.id))["Wehen"]
    report = await stored_report(town, **INSIDE, district_id=wehen)
    response = await client.delete(f"{M}/districts/{wehen}")
    assert response.status_code == 200, response.text
    assert "Wehen" not in {f["properties"]["name"] for f in response.json()["districts"]["features"]}
    assert (await Report.select(Report.district).where(Report.id == report).first())["district"] is None
    assert (await client.delete(f"{M}/districts/{wehen}")).status_code == 404


async def test_a_small_overhang_is_clipped_to_the_boundary(client, taunusstein):
    await _as_admin(client, taunusstein)
    boundary = shape(json.loads(taunusstein.boundary))
    west, south, east, north = boundary.bounds
    # A box mostly inside, reaching a little past the western edge.
    inner = boundary.intersection(box(west, south, west + (east - west) / 2, north))
    overhang = inner.buffer(0.0005)
    assert overhang.difference(boundary).area > 0
    upload = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "properties": {"name": "Westteil"}, "geometry": mapping(overhang)}],
    }
    response = await client.put(f"{M}/districts", json=upload)
    assert response.status_code == 200, response.text
    stored = next(f for f in response.json()["districts"]["features"] if f["properties"]["name"] == "Westteil")
    assert shape(stored["geometry"]).difference(boundary.buffer(1e-5)).area == pytest.approx(0, abs=1e-9)


@pytest.mark.parametrize(
    "feature, words",
    [
        (
            {
                "type": "Feature",
                "properties": {"name": "Kassel"},
                "geometry": {"type": "Polygon", "coordinates": [[[9, 51], [9.1, 51], [9.1, 51.1], [9, 51.1], [9, 51]]]},
            },
            "Kassel",
        ),
        (
            {"type": "Feature", "properties": {"name": "Kaputt"}, "geometry": {"type": "Polygon", "coordinates": "x"}},
            "Kaputt",
        ),
        (
            {
                "type": "Feature",
                "properties": {"name": "Linie"},
                "geometry": {"type": "LineString", "coordinates": [[8.15, 50.15], [8.16, 50.16]]},
            },
            "Linie",
        ),
        ({"type": "Feature", "properties": {}, "geometry": None}, "Namen"),
    ],
)
async def test_a_bad_feature_is_a_422_naming_it_in_german_and_nothing_changes(client, taunusstein, feature, words):
    await _as_admin(client, taunusstein)
    before = (await client.get(M)).json()["districts"]
    good = split_into_districts(json.loads(taunusstein.boundary), ["Nord"])["features"][0]
    response = await client.put(f"{M}/districts", json={"type": "FeatureCollection", "features": [good, feature]})
    assert response.status_code == 422, response.text
    error = response.json()["errors"][0]
    assert error["field"] == "features[1]"
    assert words in error["detail_de"]
    assert (await client.get(M)).json()["districts"] == before


async def test_an_empty_collection_is_refused_naming_the_features(client, taunusstein):
    await _as_admin(client, taunusstein)
    response = await client.put(f"{M}/districts", json={"type": "FeatureCollection", "features": []})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"].endswith("features")


async def test_reassignment_moves_reports_and_proposals_to_the_district_at_their_point(client, taunusstein):
    town = await town_with_categories(taunusstein)
    admin_id = await admin_of(taunusstein)
    await logged_in(client, "admin@taunusstein.example")
    # Two new strips replace the ten: every point now lies in "West" or "Ost".
    upload = split_into_districts(json.loads(taunusstein.boundary), ["West", "Ost"])
    for district_id in (await _district_ids(taunusstein.id)).values():
        await District.delete().where(District.id == district_id)
    assert (await client.put(f"{M}/districts", json=upload)).status_code == 200
    ids = await _district_ids(taunusstein.id)
    municipality = await geo.get_municipality("taunusstein")
    here = (await geo.territory_of(municipality)).district_at(INSIDE["lon"], INSIDE["lat"])
    assert here is not None

    stale = await stored_report(town, **INSIDE, district_id=None)
    right = await stored_report(town, **INSIDE, district_id=here.id)
    wrong = await stored_report(town, **INSIDE, district_id=ids["Ost"] if here.name == "West" else ids["West"])
    unplaced = await stored_report(town, **INSIDE, district_id=None)
    await Report.update({Report.placed: False}).where(Report.id == unplaced)
    consultation_id = await consultation(taunusstein, admin_id)
    pinned = await proposal(taunusstein, consultation_id, admin_id)
    unpinned = await proposal(taunusstein, consultation_id, admin_id, location=None)
    await Proposal.update({Proposal.district: None}).where(Proposal.id == pinned)

    response = await client.post(f"{M}/districts/reassign")
    assert response.status_code == 200, response.text
    assert response.json() == {"reports": {"checked": 3, "changed": 2}, "proposals": {"checked": 1, "changed": 1}}
    districts = {r["id"]: r["district"] for r in await Report.select(Report.id, Report.district)}
    assert districts[stale] == districts[right] == districts[wrong] == here.id
    assert districts[unplaced] is None
    assert (await Proposal.select(Proposal.district).where(Proposal.id == pinned).first())["district"] == here.id
    assert (await Proposal.select(Proposal.district).where(Proposal.id == unpinned).first())["district"] is None

    again = await client.post(f"{M}/districts/reassign")
    assert again.json() == {"reports": {"checked": 3, "changed": 0}, "proposals": {"checked": 1, "changed": 0}}
