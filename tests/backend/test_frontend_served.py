"""The app serves the single-page frontend and the npm packages it needs, with Leaflet's licence."""


async def test_the_start_page_is_the_german_single_page_app(client):
    response = await client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert '<html lang="de">' in response.text
    assert '<script type="module" src="/js/main.js">' in response.text
    assert (await client.get("/js/main.js")).status_code == 200


async def test_leaflet_is_served_from_the_installed_npm_package_with_its_licence(client):
    module = await client.get("/vendor/leaflet/leaflet-src.esm.js")
    assert module.status_code == 200
    assert "Leaflet 1.9.4" in module.text[:300]
    assert (await client.get("/vendor/leaflet/leaflet.css")).status_code == 200
    licence = await client.get("/vendor/leaflet/LICENSE.txt")
    assert licence.status_code == 200
    assert licence.text.startswith("BSD 2-Clause License") and "Agafonkin" in licence.text


async def test_the_map_library_travels_compressed_and_is_kept_by_the_browser_for_a_day(client):
    """Leaflet was 87 % of a map page's bytes, sent uncompressed on every visit."""
    module = await client.get("/vendor/leaflet/leaflet-src.esm.js", headers={"accept-encoding": "gzip"})
    assert module.headers["content-encoding"] == "gzip"
    assert int(module.headers["content-length"]) < len(module.content) / 3
    assert set(module.headers["cache-control"].split(", ")) == {"public", "max-age=86400"}
    assert module.headers["etag"]  # after a day the browser asks again, by this tag
