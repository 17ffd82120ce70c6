"""A number answer must be a finite number: NaN, Infinity and 1e400 are refused with 422 on every way in."""

from __future__ import annotations

from tests.defects.factories import town_with_categories
from tests.factories import INSIDE

M = "/api/v1/municipalities/taunusstein"


def report_json(depth: str) -> str:
    """The report part as raw JSON text: `NaN` and `Infinity` are tokens json.dumps would never write."""
    fields = f'"category": "strassen", "lat": {INSIDE["lat"]}, "lon": {INSIDE["lon"]}, "email": "melder@example.org"'
    answers = f'"answers": {{"size": "large", "depth_cm": {depth}}}'
    return f'{{{fields}, "description": "Tiefes Schlagloch vor Nummer 12", {answers}}}'


async def test_a_number_answer_that_is_not_finite_is_refused(client, taunusstein):
    await town_with_categories(taunusstein)
    for depth in ("NaN", "Infinity", "-Infinity", "1e400"):
        response = await client.post(f"{M}/reports", files={"report": (None, report_json(depth))})
        assert response.status_code == 422, (depth, response.text)


async def test_an_open311_number_attribute_that_is_not_finite_is_refused(client, taunusstein):
    from defects.services.apikeys import issue_key

    await town_with_categories(taunusstein)
    _, key = await issue_key(taunusstein.id, "test app")
    for depth in ("NaN", "inf", "1e400"):
        form = {
            "api_key": key,
            "jurisdiction_id": "taunusstein",
            "service_code": "strassen",
            "lat": str(INSIDE["lat"]),
            "long": str(INSIDE["lon"]),
            "email": "melder@example.org",
            "description": "Tiefes Schlagloch vor Nummer 12",
            "attribute[size]": "large",
            "attribute[depth_cm]": depth,
        }
        response = await client.post("/open311/v2/requests.json", data=form)
        assert response.status_code == 400, (depth, response.text)
        assert "depth_cm" in response.json()[0]["description"]


async def test_every_wrong_answer_is_named_in_one_refusal(client, taunusstein):
    """A missing required answer and a wrong number come back together, each at its own field, each once."""
    await town_with_categories(taunusstein)
    fields = f'"category": "strassen", "lat": {INSIDE["lat"]}, "lon": {INSIDE["lon"]}, "email": "melder@example.org"'
    body = f'{{{fields}, "description": "Schlagloch", "answers": {{"depth_cm": "tief"}}}}'
    response = await client.post(f"{M}/reports", files={"report": (None, body)})
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert [e["field"] for e in errors] == ["answers.size", "answers.depth_cm"]
    assert all(e["detail_de"] and e["detail_en"] for e in errors)
