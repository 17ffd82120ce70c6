"""A report keeps the address its point has: found in the register when the reporter typed none, and shown on
the report page, in the department's mail and in Open311; Open311 requests by address alone are placed by it."""

from __future__ import annotations

import pytest

from defects.services.apikeys import issue_key
from defects.tables import Report
from geo import services as geo
from geo.addresses import importing
from tests.defects.factories import confirmed_report, town_with_categories
from tests.factories import INSIDE
from tests.support.mailbox import body_of
from tests.support.moderation import post_moderated

SLUG = "taunusstein"
API = f"/api/v1/municipalities/{SLUG}"
LAT, LON = INSIDE["lat"], INSIDE["lon"]
CSV = (
    "street,housenumber,postcode,place,lat,lon\n"
    f"Aarstraße,150,65232,Hahn,{LAT},{LON}\n"
    f"Kirchstraße,3,65232,Hahn,{LAT - 0.002},{LON + 0.002}\n"
)


async def _register(municipality) -> None:
    rows, _ = importing.parse(CSV.encode(), await geo.territory_of(municipality))
    await importing.replace_register(municipality.id, rows, licence="CC0-1.0", attribution="Test")


async def test_a_pin_without_a_typed_address_gets_the_nearest_one_everywhere(client, taunusstein, mailbox):
    await post_moderated(taunusstein)
    await town_with_categories(taunusstein)
    await _register(taunusstein)
    report_id = await confirmed_report(client, SLUG, mailbox, address="", lat=LAT + 0.0001, lon=LON)
    row = await Report.select(Report.address, Report.address_origin).where(Report.id == report_id).first()
    assert row == {"address": "Aarstraße 150, 65232 Hahn", "address_origin": "register"}
    assert (await client.get(f"{API}/reports/{report_id}")).json()["address"] == "Aarstraße 150, 65232 Hahn"
    routed = await mailbox.wait_for("tiefbau@taunusstein.example", f"#{report_id}")
    assert "Ort: Aarstraße 150, 65232 Hahn" in body_of(routed)
    request = (await client.get(f"/open311/v2/requests/{report_id}.json", params={"jurisdiction_id": SLUG})).json()
    assert request[0]["address"] == "Aarstraße 150, 65232 Hahn"


async def test_a_typed_address_is_kept_as_typed(client, taunusstein, mailbox):
    await post_moderated(taunusstein)
    await town_with_categories(taunusstein)
    await _register(taunusstein)
    report_id = await confirmed_report(client, SLUG, mailbox, address="Vor der Bäckerei")
    row = await Report.select(Report.address, Report.address_origin).where(Report.id == report_id).first()
    assert row == {"address": "Vor der Bäckerei", "address_origin": ""}


async def test_an_open311_request_by_address_alone_is_placed_through_the_register(client, taunusstein):
    await post_moderated(taunusstein)
    town = await town_with_categories(taunusstein)
    await _register(taunusstein)
    key = (await issue_key(town.municipality.id, "Stadt-App"))[1]
    form = {
        "api_key": key,
        "jurisdiction_id": SLUG,
        "service_code": "strassen",
        "address_string": "Kirchstraße 3",
        "attribute[size]": "large",
    }
    posted = await client.post("/open311/v2/requests.json", data=form)
    assert posted.status_code == 201, posted.text
    report_id = int(posted.json()[0]["service_request_id"])
    request = (await client.get(f"/open311/v2/requests/{report_id}.json", params={"jurisdiction_id": SLUG})).json()
    assert (request[0]["lat"], request[0]["long"]) == (pytest.approx(LAT - 0.002), pytest.approx(LON + 0.002))
    assert request[0]["address"] == "Kirchstraße 3"
    # An address the register does not know still waits for staff to place it.
    unknown = await client.post("/open311/v2/requests.json", data={**form, "address_string": "Feldweg 9"})
    unknown_id = int(unknown.json()[0]["service_request_id"])
    request = (await client.get(f"/open311/v2/requests/{unknown_id}.json", params={"jurisdiction_id": SLUG})).json()
    assert request[0]["lat"] is None
