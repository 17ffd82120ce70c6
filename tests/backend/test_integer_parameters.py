"""Ids and other integers beyond what the database columns hold answer 404 or 422, never 500 (geo/ids.py)."""

from __future__ import annotations

import base64
import json

import yaml

from backend.cli import OPENAPI_FILE
from geo.ids import ID_MAX
from geo.roles import Role
from tests.factories import logged_in, person
from tests.proposals.factories import admin_of

M = "/api/v1/municipalities/taunusstein"
BEYOND = [ID_MAX + 1, 2**63, 99999999999999999999]


async def test_an_id_beyond_the_integer_range_is_not_found(client, taunusstein):
    for number in BEYOND:
        for path in (f"{M}/consultations/{number}", f"{M}/reports/{number}", f"{M}/proposals/{number}/comments"):
            response = await client.get(path)
            assert response.status_code == 404, (path, response.text)
            assert response.headers["content-type"].startswith("application/problem+json")
            assert response.json()["detail_de"] and response.json()["detail_en"]


async def test_a_query_id_beyond_the_integer_range_is_refused_naming_it(client, taunusstein):
    for number in BEYOND:
        response = await client.get(f"{M}/reports", params={"district": number})
        assert response.status_code == 422, response.text
        assert [e["field"] for e in response.json()["errors"]] == ["district"]
        assert response.json()["errors"][0]["detail_de"] == f"Höchstens {ID_MAX}."


async def test_a_cursor_naming_a_row_beyond_the_integer_range_is_refused(client, taunusstein):
    for key, row_id in [(0, 2**63), (2**40, 1), (float("inf"), 1), ("\x00", 1)]:
        raw = json.dumps([key, row_id]).encode()
        cursor = base64.urlsafe_b64encode(raw).decode().rstrip("=")
        response = await client.get(f"{M}/reports", params={"cursor": cursor})
        assert response.status_code == 422, response.text
        assert response.json()["errors"][0]["field"] == "cursor"


async def test_an_id_in_a_body_beyond_the_integer_range_is_refused_naming_it(client, taunusstein):
    await admin_of(taunusstein)
    await logged_in(client, "admin@taunusstein.example")
    response = await client.post(f"{M}/roles", json={"user_id": 2**31, "role": Role.RESIDENT.value})
    assert response.status_code == 422, response.text
    assert [e["field"] for e in response.json()["errors"]] == ["user_id"]


async def test_an_open311_request_id_beyond_the_integer_range_names_no_request(client, taunusstein):
    """Under /open311/ the answer is the spec's error list: such an id is no request (404), and as a filter it
    matches none."""
    await person("someone@example.org")
    query = {"jurisdiction_id": "taunusstein"}
    one = await client.get("/open311/v2/requests/99999999999999999999.json", params=query)
    assert one.status_code == 404 and one.json()[0]["code"] == 404, one.text
    listed = await client.get("/open311/v2/requests.json", params={**query, "service_request_id": str(2**63)})
    assert listed.status_code == 200 and listed.json() == [], listed.text


def test_every_integer_parameter_of_the_contract_is_bounded():
    """New handlers cannot forget it: each integer path or query parameter in openapi.yaml has ID_MAX or less."""
    document = yaml.safe_load(OPENAPI_FILE.read_text(encoding="utf-8"))
    unbounded = []
    for path, item in document["paths"].items():
        for method, operation in item.items():
            for parameter in operation.get("parameters", []):
                schema = parameter["schema"]
                types = [schema.get("type")] + [s.get("type") for s in schema.get("oneOf", [])]
                if "integer" in types and not any(
                    s.get("maximum", ID_MAX + 1) <= ID_MAX for s in [schema, *schema.get("oneOf", [])]
                ):
                    unbounded.append(f"{method.upper()} {path} {parameter['name']}")
    assert unbounded == []
