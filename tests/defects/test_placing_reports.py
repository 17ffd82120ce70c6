"""A report an Open311 app filed by address alone waits for its point: staff see it as unplaced and place it;
until then the public map leaves it out and Open311 gives no made-up coordinates."""

from defects.services.apikeys import issue_key
from tests.defects.factories import staff_of, town_with_categories
from tests.factories import INSIDE, OUTSIDE, logged_in
from tests.support.moderation import post_moderated

SLUG = "taunusstein"
API = f"/api/v1/municipalities/{SLUG}"
J = {"jurisdiction_id": SLUG}


async def test_staff_see_a_report_filed_by_address_alone_as_unplaced_and_place_it(client, taunusstein):
    await post_moderated(taunusstein)
    town = await town_with_categories(taunusstein)
    key = (await issue_key(town.municipality.id, "Stadt-App"))[1]
    form = {
        "api_key": key,
        "jurisdiction_id": SLUG,
        "service_code": "strassen",
        "address_string": "Aarstraße 12",
        "attribute[size]": "large",
    }
    posted = await client.post("/open311/v2/requests.json", data=form)
    assert posted.status_code == 201, posted.text
    report_id = int(posted.json()[0]["service_request_id"])

    assert (await client.get(f"{API}/reports")).json()["features"] == []  # not on the public map yet
    request = (await client.get(f"/open311/v2/requests/{report_id}.json", params=J)).json()[0]
    assert request["lat"] is None and request["long"] is None and request["address"] == "Aarstraße 12"

    await staff_of(town)
    await logged_in(client, "tiefbau.staff@taunusstein.example")
    queue = (await client.get(f"{API}/defect-queue")).json()["items"]
    assert [(q["id"], q["placed"]) for q in queue] == [(report_id, False)]
    assert (await client.get(f"{API}/reports/{report_id}")).json()["placed"] is False

    outside = await client.post(
        f"{API}/reports/{report_id}/location", json={"lat": OUTSIDE["lat"], "lon": OUTSIDE["lon"]}
    )
    assert outside.status_code == 422
    placed = await client.post(f"{API}/reports/{report_id}/location", json={"lat": INSIDE["lat"], "lon": INSIDE["lon"]})
    assert placed.status_code == 200, placed.text
    assert placed.json()["placed"] is True and placed.json()["lat"] == INSIDE["lat"]

    await client.post("/api/v1/auth/logout")
    assert [f["id"] for f in (await client.get(f"{API}/reports")).json()["features"]] == [report_id]
    request = (await client.get(f"/open311/v2/requests/{report_id}.json", params=J)).json()[0]
    assert (request["lat"], request["long"]) == (INSIDE["lat"], INSIDE["lon"])


async def test_only_the_responsible_department_places_a_report(client, taunusstein):
    await post_moderated(taunusstein)
    town = await town_with_categories(taunusstein)
    key = (await issue_key(town.municipality.id, "Stadt-App"))[1]
    form = {"api_key": key, "jurisdiction_id": SLUG, "service_code": "strassen", "address_string": "Aarstraße 1"}
    report_id = int(
        (await client.post("/open311/v2/requests.json", data={**form, "attribute[size]": "small"})).json()[0][
            "service_request_id"
        ]
    )
    await staff_of(town, "bauhof.staff@taunusstein.example", department="bauhof")
    await logged_in(client, "bauhof.staff@taunusstein.example")
    refused = await client.post(
        f"{API}/reports/{report_id}/location", json={"lat": INSIDE["lat"], "lon": INSIDE["lon"]}
    )
    assert refused.status_code == 403


async def test_an_unplaced_report_is_no_neighbour_and_open_data_gives_it_no_point(client, taunusstein):
    from datetime import date

    from defects.tables import Report
    from tests.defects.factories import stored_report

    town = await town_with_categories(taunusstein)
    report_id = await stored_report(town, INSIDE["lat"], INSIDE["lon"])
    await Report.update({Report.placed: False}).where(Report.id == report_id)
    nearby = await client.get(
        f"{API}/reports/nearby", params={"category": "strassen", "lat": INSIDE["lat"], "lon": INSIDE["lon"]}
    )
    assert nearby.status_code == 200 and nearby.json() == []
    today = date.today().isoformat()
    geojson = await client.get(f"{API}/open-data/defect-reports.geojson", params={"from": today, "to": today})
    assert [(f["id"], f["geometry"]) for f in geojson.json()["features"]] == [(report_id, None)]
