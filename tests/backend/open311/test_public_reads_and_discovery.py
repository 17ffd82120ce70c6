"""Public reads are open to web apps on other origins (CORS), writes are not; the discovery's changeset moves
when the services change; without BASE_URL, links follow PORT."""

import json

from backend.settings import Settings
from defects.schemas import CategoryCreate
from defects.services.categories import create_category
from tests.backend.open311.conftest import J, form
from tests.factories import INSIDE

ORIGIN = {"origin": "https://stadt-app.example"}


async def test_public_reads_allow_every_origin_and_writes_do_not(outside, town, api_key):
    for path in ("/discovery.json", "/services.xml", "/requests.json", "/services/strassen.json"):
        response = await outside.get(path, params=J, headers=ORIGIN)
        assert response.status_code == 200, path
        assert response.headers["access-control-allow-origin"] == "*", path
    missing = await outside.get("/requests/12345.json", params=J, headers=ORIGIN)
    assert missing.status_code == 404 and missing.headers["access-control-allow-origin"] == "*"
    place = {"lat": str(INSIDE["lat"]), "long": str(INSIDE["lon"]), "attribute[size]": "small"}
    posted = await outside.post("/requests.json", data=form(api_key, **place), headers=ORIGIN)
    assert posted.status_code == 201, posted.text
    assert "access-control-allow-origin" not in posted.headers


async def test_the_discovery_changeset_moves_when_a_service_is_added(outside, town):
    before = json.loads((await outside.get("/discovery.json")).content)
    await create_category(
        town.municipality.id, CategoryCreate(code="gruen", name_de="Grünflächen", name_en="Green spaces")
    )
    after = json.loads((await outside.get("/discovery.json")).content)
    assert after["changeset"] > before["changeset"]  # sortable, as the spec asks
    assert after["endpoints"][0]["changeset"] == after["changeset"]


def test_base_url_follows_port_unless_it_is_set(monkeypatch):
    monkeypatch.delenv("BASE_URL", raising=False)
    monkeypatch.setenv("PORT", "8123")
    assert Settings(_env_file=None).base_url == "http://127.0.0.1:8123"
    monkeypatch.setenv("BASE_URL", "https://beteiligung.taunusstein.de")
    assert Settings(_env_file=None).base_url == "https://beteiligung.taunusstein.de"
    monkeypatch.delenv("PORT")
    monkeypatch.delenv("BASE_URL")
    assert Settings(_env_file=None).base_url == "http://127.0.0.1:8000"


async def test_discovery_points_at_the_served_address(outside, live):
    body = json.loads((await outside.get("/discovery.json")).content)
    assert body["endpoints"][0]["url"] == f"{live.url}/open311/v2"
