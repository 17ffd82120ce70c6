"""The address endpoints: suggestions and reverse lookup for everyone, import and geocoder for admins only,
problem details for bad input, and the outside geocoder asked only when configured (a real local server)."""

from __future__ import annotations

import pytest

from geo import services as geo
from geo.roles import Role
from tests.factories import INSIDE, OUTSIDE, logged_in, person
from tests.proposals.factories import admin_of
from tests.support.nominatim import nominatim_server

M = "/api/v1/municipalities/taunusstein"
LAT, LON = INSIDE["lat"], INSIDE["lon"]
CSV = (
    "street,housenumber,postcode,place,lat,lon\n"
    f"Aarstraße,150,65232,Hahn,{LAT},{LON}\n"
    f"Kirchstraße,3,65232,Hahn,{LAT - 0.001},{LON + 0.001}\n"
    f"Feldweg,1,65232,Hahn,{OUTSIDE['lat']},{OUTSIDE['lon']}\n"
)


def _upload(content: str = CSV, licence: str = "dl-de/by-2-0") -> dict:
    return {
        "files": {"data": ("adressen.csv", content.encode(), "text/csv")},
        "data": {"licence": licence, "attribution": "Stadt Taunusstein, dl-de/by-2-0"},
    }


async def _as_admin(client, municipality) -> None:
    await admin_of(municipality)
    await logged_in(client, "admin@taunusstein.example")


async def test_an_admin_imports_and_everyone_finds_addresses(client, taunusstein):
    await _as_admin(client, taunusstein)
    response = await client.post(f"{M}/admin/addresses", **_upload())
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["accepted"], body["rejected_count"]) == (2, 1)
    assert body["rejected"][0] == {
        "row": 4,
        "reason_de": "liegt außerhalb von Taunusstein",
        "reason_en": "lies outside Taunusstein",
    }
    await client.post("/api/v1/auth/logout")
    found = (await client.get(f"{M}/addresses", params={"q": "Aarstraße 150"})).json()
    assert [a["label"] for a in found["addresses"]] == ["Aarstraße 150, 65232 Hahn"]
    assert found["attribution"] == "Stadt Taunusstein, dl-de/by-2-0"
    near = (await client.get(f"{M}/addresses/reverse", params={"lat": LAT + 0.00003, "lon": LON})).json()
    assert near["address"]["label"] == "Aarstraße 150, 65232 Hahn"
    assert near["address"]["source"] == "register"


@pytest.mark.parametrize("role", [None, Role.RESIDENT, Role.STAFF, Role.MODERATOR, Role.COUNCIL])
async def test_only_admins_import_delete_and_configure(client, taunusstein, role):
    if role is not None:
        await person("someone@example.org", roles=(role,), municipality=taunusstein)
        await logged_in(client, "someone@example.org")
    expected = 401 if role is None else 403
    assert (await client.get(f"{M}/admin/addresses")).status_code == expected
    assert (await client.post(f"{M}/admin/addresses", **_upload())).status_code == expected
    assert (await client.delete(f"{M}/admin/addresses")).status_code == expected
    put = await client.put(f"{M}/admin/addresses/geocoder", json={"kind": "nominatim", "url": "https://x.example"})
    assert put.status_code == expected
    # Suggestions are for everyone (the report form works without an account).
    assert (await client.get(f"{M}/addresses", params={"q": "Aar"})).status_code == 200


async def test_an_admin_of_another_municipality_cannot_touch_this_register(client, taunusstein):
    usingen = await geo.create_from_ags("06434011")
    await person("admin@usingen.example", roles=(Role.ADMIN,), municipality=usingen)
    await logged_in(client, "admin@usingen.example")
    assert (await client.post(f"{M}/admin/addresses", **_upload())).status_code == 403
    assert (await client.delete(f"{M}/admin/addresses")).status_code == 403
    # Their own register holds none of Taunusstein's points: every row lies outside Usingen.
    own = await client.post("/api/v1/municipalities/usingen/admin/addresses", **_upload())
    assert own.json()["accepted"] == 0
    assert (await client.get(f"{M}/addresses", params={"q": "Aar"})).json()["addresses"] == []


@pytest.mark.parametrize(
    ("request_args", "field"),
    [
        ({"params": {"q": "x" * 121}}, "q"),
        ({"params": {"q": "Aar", "limit": 99}}, "limit"),
    ],
)
async def test_bad_search_input_is_a_problem_naming_the_parameter(client, taunusstein, request_args, field):
    response = await client.get(f"{M}/addresses", **request_args)
    assert response.status_code in (400, 422), response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert field in response.text


async def test_an_empty_query_suggests_nothing(client, taunusstein):
    assert (await client.get(f"{M}/addresses")).json()["addresses"] == []
    assert (await client.get(f"{M}/addresses", params={"q": " , "})).json()["addresses"] == []


async def test_a_pin_outside_the_municipality_is_a_422_with_the_distance(client, taunusstein):
    response = await client.get(f"{M}/addresses/reverse", params=OUTSIDE | {"lon": OUTSIDE["lon"]})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "location"
    assert (await client.get(f"{M}/addresses/reverse", params={"lat": "nord", "lon": 8})).status_code in (400, 422)


@pytest.mark.parametrize(
    ("upload", "field"),
    [(_upload(licence="proprietary"), "licence"), (_upload("name;x\n1;2\n"), "data")],
)
async def test_a_bad_file_or_licence_is_a_422_and_keeps_the_register(client, taunusstein, upload, field):
    await _as_admin(client, taunusstein)
    await client.post(f"{M}/admin/addresses", **_upload())
    response = await client.post(f"{M}/admin/addresses", **upload)
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == field
    assert (await client.get(f"{M}/admin/addresses")).json()["address_count"] == 2


async def test_deleting_empties_the_register(client, taunusstein):
    await _as_admin(client, taunusstein)
    await client.post(f"{M}/admin/addresses", **_upload())
    assert (await client.delete(f"{M}/admin/addresses")).json()["address_count"] == 0
    assert (await client.get(f"{M}/addresses", params={"q": "Aar"})).json()["addresses"] == []


HAHN_PLACE = {
    "lat": str(LAT + 0.001),
    "lon": str(LON),
    "display_name": "Schulstraße 5, Hahn, Taunusstein",
    "address": {"road": "Schulstraße", "house_number": "5", "postcode": "65232", "suburb": "Hahn"},
}
FAR_PLACE = {"lat": "50.11", "lon": "8.68", "address": {"road": "Zeil", "house_number": "1", "city": "Frankfurt"}}


@pytest.mark.parametrize("kind", ["nominatim", "photon"])
async def test_a_configured_outside_geocoder_answers_what_the_register_does_not_know(client, taunusstein, kind):
    with nominatim_server() as server:
        server.places = [HAHN_PLACE, FAR_PLACE]
        # Not configured: nothing leaves the server.
        assert (await client.get(f"{M}/addresses", params={"q": "Schulstraße 5"})).json()["addresses"] == []
        assert server.asked == []
        await _as_admin(client, taunusstein)
        response = await client.put(f"{M}/admin/addresses/geocoder", json={"kind": kind, "url": server.url})
        assert response.status_code == 200, response.text
        found = (await client.get(f"{M}/addresses", params={"q": "Schulstraße 5"})).json()["addresses"]
        # The place in Frankfurt lies outside Taunusstein and is dropped.
        assert [(a["label"], a["source"]) for a in found] == [("Schulstraße 5, 65232 Hahn", "outside")]
        path, query = server.asked[-1]
        assert query["q"] == "Schulstraße 5"
        if kind == "nominatim":
            assert (path, query["bounded"]) == ("/search", "1")
            west, north, east, south = (float(v) for v in query["viewbox"].split(","))
            assert west < LON < east and south < LAT < north
        else:
            assert path == "/api" and "bbox" in query
        near = (await client.get(f"{M}/addresses/reverse", params={"lat": LAT + 0.001, "lon": LON})).json()
        assert near["address"]["street"] == "Schulstraße"
        # The register, once it knows a place, answers alone.
        await client.post(f"{M}/admin/addresses", **_upload())
        asked = len(server.asked)
        assert (await client.get(f"{M}/addresses", params={"q": "Aarstr"})).json()["addresses"][0][
            "street"
        ] == "Aarstraße"
        assert len(server.asked) == asked
        off = await client.put(f"{M}/admin/addresses/geocoder", json={"kind": "", "url": server.url})
        assert off.json()["outside_url"] == ""


async def test_an_outside_geocoder_that_is_down_answers_nothing_found(client, taunusstein):
    with nominatim_server() as server:
        url = server.url
    await _as_admin(client, taunusstein)
    await client.put(f"{M}/admin/addresses/geocoder", json={"kind": "nominatim", "url": url})
    response = await client.get(f"{M}/addresses", params={"q": "Schulstraße"})
    assert response.status_code == 200
    assert response.json()["addresses"] == []


async def test_a_geocoder_address_without_http_is_a_422_naming_url(client, taunusstein):
    await _as_admin(client, taunusstein)
    response = await client.put(f"{M}/admin/addresses/geocoder", json={"kind": "photon", "url": "ftp://x"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "url"


async def test_the_address_search_has_a_rate_limit_of_its_own(db, smtp, taunusstein):
    """Typing is limited per client address, apart from the registration/login budget (which stays whole)."""
    from tests.conftest import make_settings
    from tests.support.client import api_client

    async with api_client(make_settings(smtp, address_search_per_minute=3, rate_limit_per_minute=3)) as limited:
        statuses = [(await limited.get(f"{M}/addresses", params={"q": "Aar"})).status_code for _ in range(5)]
        assert statuses == [200, 200, 200, 429, 429]
        refused = await limited.get(f"{M}/addresses", params={"q": "Aar"})
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert int(refused.headers["Retry-After"]) >= 1
        assert "Zu viele" in refused.json()["detail_de"] or "Zu viele" in refused.text
        # The reverse lookup and the login are not counted against it.
        assert (await limited.get(f"{M}/addresses/reverse", params={"lat": LAT, "lon": LON})).status_code == 200
        login = await limited.post("/api/v1/auth/login", json={"email": "x@example.org", "password": "whatever1"})
        assert login.status_code == 403
