"""The demo shows a living Mängelmelder: Hessian categories, reports in every district and state, an API key."""

from backend.demo import load_demo
from defects.demo import DEMO_OPEN311_KEY
from defects.tables import Category, Report
from tests.factories import INSIDE


async def test_the_demo_has_categories_reports_in_every_district_and_state_and_a_working_open311_key(client):
    context = await load_demo(hashing="fast-insecure")
    assert context is not None
    assert await Category.count() == 13
    listed = (await client.get("/api/v1/municipalities/taunusstein/reports", params={"limit": 1000})).json()
    assert listed["total"] == 40
    rows = await Report.select(Report.district, Report.status)
    assert len({r["district"] for r in rows}) == 10
    assert {r["status"] for r in rows} >= {"eingegangen", "in_pruefung", "in_bearbeitung", "erledigt", "abgelehnt"}
    services = (await client.get("/open311/v2/services.json", params={"jurisdiction_id": "taunusstein"})).json()
    assert "Straßenbeleuchtung" in [s["service_name"] for s in services]
    posted = await client.post(
        "/open311/v2/requests.json",
        data={
            "api_key": DEMO_OPEN311_KEY,
            "jurisdiction_id": "taunusstein",
            "service_code": "graffiti",
            "lat": INSIDE["lat"],
            "long": INSIDE["lon"],
            "email": "app@example.org",
            "description": "Graffiti",
        },
    )
    assert posted.status_code == 201, posted.text
