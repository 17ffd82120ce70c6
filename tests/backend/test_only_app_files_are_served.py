"""Only what the browser needs is served from frontend/: the frame, js/, css/ and the vendor files the app loads,
never the npm manifest, the installed packages, the lint config or the unit tests."""

import pytest


@pytest.mark.parametrize(
    "path",
    [
        "/package.json",
        "/package-lock.json",
        "/node_modules/axe-core/axe.min.js",
        "/node_modules/leaflet/package.json",
        "/eslint.config.js",
        "/tests/api.test.js",
        "/README.md",
        "/index.html/../package.json",
        "/js/../package.json",
        "/vendor/swagger-ui/index.html",
        "/vendor/swagger-ui/package.json",
    ],
)
async def test_development_files_of_the_frontend_are_not_found(client, path):
    assert (await client.get(path)).status_code == 404


async def test_the_app_and_what_it_loads_are_still_served(client):
    page = await client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    for asset in (
        "/js/main.js",
        "/js/views/home.js",
        "/css/app.css",
        "/images/favicon.svg",
        "/vendor/leaflet/leaflet.css",
    ):
        assert (await client.get(asset)).status_code == 200, asset


async def test_a_head_request_for_the_app_is_answered_like_its_get(client):
    """Uptime monitors and link checkers ask with HEAD."""
    answer = await client.head("/")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/html")
    assert answer.content == b""
