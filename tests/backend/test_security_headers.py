"""Every answer carries the security headers: a CSP without inline script, no framing, no sniffing, a referrer
that stays home, HSTS on HTTPS deployments, and personal data that no cache keeps."""

import pytest

from backend.security_headers import tile_source
from tests.conftest import make_settings
from tests.defects.factories import file, pothole, staff_of, town_with_categories
from tests.factories import logged_in, person
from tests.support.client import api_client
from tests.support.moderation import post_moderated

SLUG = "taunusstein"


def directives(response) -> dict[str, list[str]]:
    policy = response.headers["content-security-policy"]
    parts = [part.split() for part in policy.split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


@pytest.mark.parametrize(
    "path",
    ["/", "/js/main.js", "/api/v1/config", "/api/v1/municipalities/nirgendwo", "/no-such-page", "/schema"],
)
async def test_every_answer_carries_the_security_headers(client, path):
    response = await client.get(path)
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    policy = directives(response)
    assert policy["frame-ancestors"] == ["'none'"]
    assert "strict-transport-security" not in response.headers  # plain HTTP in development


async def test_the_policy_allows_no_inline_script_eval_or_inline_style(client):
    policy = directives(await client.get("/"))
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"] and policy["form-action"] == ["'self'"]
    assert not any("unsafe" in source for sources in policy.values() for source in sources)


async def test_map_tiles_load_from_the_configured_tile_server_and_nowhere_else(smtp, db):
    settings = make_settings(smtp, tile_url="https://{s}.tiles.example.org/osm/{z}/{x}/{y}.png")
    async with api_client(settings) as client:
        policy = directives(await client.get("/"))
    assert policy["img-src"] == ["'self'", "blob:", "https://*.tiles.example.org"]


def test_a_tile_url_becomes_the_origin_a_browser_may_load_images_from():
    assert tile_source("https://tile.openstreetmap.org/{z}/{x}/{y}.png") == "https://tile.openstreetmap.org"
    assert tile_source("http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png") == "http://127.0.0.1:8080"
    assert tile_source("") is None  # no tiles: the map shows our own boundary and districts only


async def test_https_deployments_send_hsts(smtp, db):
    production = make_settings(smtp, secure_cookies=True, secret_key="a-real-secret-of-at-least-32-characters")
    async with api_client(production) as client:
        response = await client.get("/")
    assert response.headers["strict-transport-security"] == "max-age=63072000; includeSubDomains"


async def test_the_own_data_export_and_account_answers_are_never_cached(client, db):
    assert (await client.get("/api/v1/me")).headers["cache-control"] == "no-store"  # even the 401
    await person("lena@example.org")
    await logged_in(client, "lena@example.org")
    export = await client.get("/api/v1/me/export")
    assert export.status_code == 200 and export.headers["cache-control"] == "no-store"
    assert (await client.get("/api/v1/me")).headers["cache-control"] == "no-store"


async def test_a_staff_view_of_a_report_with_the_reporters_contact_is_never_cached(client, taunusstein, mailbox):
    await post_moderated(taunusstein)
    town = await town_with_categories(taunusstein)
    await person("anna@example.org")
    await logged_in(client, "anna@example.org")
    report_id = (await file(client, SLUG, pothole(name="Anna A.", phone="0170 1"))).json()["id"]
    await client.post("/api/v1/auth/logout")

    anonymous = await client.get(f"/api/v1/municipalities/{SLUG}/reports/{report_id}")
    assert anonymous.json()["contact"] is None and "no-store" not in anonymous.headers.get("cache-control", "")

    await staff_of(town)
    await logged_in(client, "tiefbau.staff@taunusstein.example")
    detail = await client.get(f"/api/v1/municipalities/{SLUG}/reports/{report_id}")
    assert detail.json()["contact"]["phone"] == "0170 1"
    assert detail.headers["cache-control"] == "no-store"
    queue = await client.get(f"/api/v1/municipalities/{SLUG}/defect-queue")
    assert queue.status_code == 200 and queue.headers["cache-control"] == "no-store"


async def test_only_the_api_docs_may_show_data_images_for_swagger_uis_icons(client):
    assert "data:" not in directives(await client.get("/"))["img-src"]
    docs = directives(await client.get("/schema"))
    assert "data:" in docs["img-src"] and docs["script-src"] == ["'self'"]
