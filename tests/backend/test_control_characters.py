"""Text input with control characters (NUL included) is refused in one place, naming the field, in German and
English; tab and line breaks stay allowed (geo/text.py, backend/inputs.py)."""

from __future__ import annotations

import json

from backend.app import create_app
from backend.inputs import check_inputs
from geo import text
from tests.defects.factories import pothole, town_with_categories
from tests.factories import logged_in, person, proposal_form
from tests.proposals.factories import admin_of, consultation

M = "/api/v1/municipalities/taunusstein"


async def test_a_nul_byte_in_a_json_field_is_refused_naming_it(client, taunusstein):
    await person("resident@example.org")
    await logged_in(client, "resident@example.org")
    for bad in ("\x00", "a\x0bb", "\x1f"):
        body = json.dumps({"display_name": f"Resi{bad}"})  # escaped, as a browser sends a lone surrogate too
        response = await client.patch("/api/v1/me", content=body, headers={"content-type": "application/json"})
        assert response.status_code == 422, response.text
        error = response.json()["errors"][0]
        assert error["field"] == "display_name"
        assert (error["detail_de"], error["detail_en"]) == (text.MESSAGE_DE, text.MESSAGE_EN)
    surrogate = json.dumps({"display_name": "Resi\ud800"})  # no UTF-8 for it: JSON that cannot be read
    response = await client.patch("/api/v1/me", content=surrogate, headers={"content-type": "application/json"})
    assert response.status_code == 400, response.text
    english = await client.patch("/api/v1/me", json={"display_name": "x\x00"}, headers={"accept-language": "en"})
    assert english.json()["detail"] == "Please check: display_name."


async def test_tab_and_line_breaks_stay_allowed(client, taunusstein):
    await person("resident@example.org")
    await logged_in(client, "resident@example.org")
    response = await client.patch("/api/v1/me", json={"display_name": "Resi\tDent"})
    assert response.status_code == 200, response.text


async def test_a_control_character_in_a_query_parameter_is_refused_naming_it(client, taunusstein):
    response = await client.get(f"{M}/reports", params={"category": "strassen\x00"})
    assert response.status_code == 422, response.text
    assert [e["field"] for e in response.json()["errors"]] == ["category"]


async def test_a_control_character_in_a_path_names_nothing(client, taunusstein):
    response = await client.get("/api/v1/municipalities/taunus%00stein")
    assert response.status_code == 404, response.text


async def test_a_nul_byte_in_the_json_part_of_a_proposal_is_refused_naming_it(client, taunusstein):
    admin = await admin_of(taunusstein)
    consultation_id = await consultation(taunusstein, admin)
    await person("resident@example.org")
    await logged_in(client, "resident@example.org")
    form = proposal_form({"title": "Bänke\x00", "body": "Zum Ausruhen am Platz.", "lat": 50.1586, "lon": 8.1781})
    response = await client.post(f"{M}/consultations/{consultation_id}/proposals", files=form)
    assert response.status_code == 422, response.text
    assert [e["field"] for e in response.json()["errors"]] == ["proposal.title"]


async def test_a_nul_byte_in_a_report_answer_key_is_refused(client, taunusstein):
    await town_with_categories(taunusstein)
    report = pothole(answers={"size\x00": "large"})
    response = await client.post(f"{M}/reports", files={"report": (None, json.dumps(report))})
    assert response.status_code == 422, response.text
    assert [e["field"] for e in response.json()["errors"]] == ["report.answers"]


async def test_a_nul_byte_in_an_open311_request_is_refused(client, taunusstein):
    """Open311 clients get the refusal in the spec's error format, naming the field."""
    await town_with_categories(taunusstein)
    for field, value in (("description", "Schlagloch\x00"), ("jurisdiction_id", "taunusstein\x00")):
        form = {"api_key": "x", "jurisdiction_id": "taunusstein", "service_code": "strassen", field: value}
        response = await client.post("/open311/v2/requests.json", data=form)
        assert response.status_code == 400, response.text
        [error] = response.json()
        assert error["code"] == 400 and field in error["description"]
    response = await client.get("/open311/v2/services.xml", params={"jurisdiction_id": "taunusstein\x00"})
    assert response.status_code == 400 and b"<code>400</code>" in response.content, response.text


def test_every_handler_checks_inputs_before_it_runs(settings):
    """A controller's own `before_request` would silently replace the app's input rule."""
    app = create_app(settings)
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            if "OPTIONS" in getattr(handler, "http_methods", ()):
                continue
            assert handler.resolve_before_request() is check_inputs or handler.resolve_before_request().func is (
                check_inputs
            ), route.path
