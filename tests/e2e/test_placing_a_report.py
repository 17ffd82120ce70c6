"""Staff place a report an Open311 app filed by address alone: the queue says it is not on the map yet, the
report's page offers the map (or coordinates), and once saved it is placed."""

import httpx

from defects.services.apikeys import issue_key
from tests.defects.factories import staff_of, town_with_categories
from tests.e2e.conftest import assert_accessible, login, open_app, run
from tests.factories import INSIDE
from tests.support.moderation import post_moderated

SLUG = "taunusstein"


def test_staff_place_a_report_that_came_by_address_alone(new_page, live_server, taunusstein):
    async def prepare():
        await post_moderated(taunusstein)
        town = await town_with_categories(taunusstein)
        await staff_of(town)
        return (await issue_key(taunusstein.id, "Stadt-App"))[1]

    key = run(prepare())
    form = {
        "api_key": key,
        "jurisdiction_id": SLUG,
        "service_code": "strassen",
        "address_string": "Aarstraße 12, Hahn",
        "attribute[size]": "large",
    }
    posted = httpx.post(f"{live_server.url}/open311/v2/requests.json", data=form, timeout=30)
    assert posted.status_code == 201, posted.text
    report_id = posted.json()[0]["service_request_id"]

    page = new_page()
    login(page, live_server, "tiefbau.staff@taunusstein.example")
    open_app(page, live_server, f"#/m/{SLUG}/reports/queue", "/m/:slug/reports/queue")
    row = page.locator(".queue-card", has_text="Aarstraße 12")
    row.wait_for()
    assert "noch nicht auf der Karte" in row.inner_text()

    open_app(page, live_server, f"#/m/{SLUG}/reports/{report_id}", "/m/:slug/reports/:id")
    page.locator("#not-placed").wait_for()
    assert_accessible(page)
    section = page.get_by_role("region", name="Ort auf der Karte setzen")
    section.get_by_label("Breitengrad").fill(str(INSIDE["lat"]))
    section.get_by_label("Längengrad").fill(str(INSIDE["lon"]))
    section.get_by_role("button", name="Ort speichern").click()
    page.get_by_role("heading", name="Ort auf der Karte setzen").wait_for(state="detached")
    assert page.locator("#not-placed").count() == 0
    detail = httpx.get(f"{live_server.url}/open311/v2/requests/{report_id}.json", params={"jurisdiction_id": SLUG})
    assert (detail.json()[0]["lat"], detail.json()[0]["long"]) == (INSIDE["lat"], INSIDE["lon"])
