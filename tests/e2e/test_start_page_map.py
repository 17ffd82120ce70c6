"""The start page shows the city map from our own GeoJSON, without any tile server, and the same as a list."""

from urllib.parse import urlparse

from backend.demo import TAUNUSSTEIN_DISTRICTS
from tests.e2e.conftest import DESKTOP, PHONE, VIEWPORTS, assert_accessible, open_app, run, screenshot, wait_for_view


def test_the_start_page_draws_the_boundary_and_ten_districts_without_a_tile_server(new_page, live_server, taunusstein):
    page = new_page(DESKTOP)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    open_app(page, live_server, "#/", "/")

    assert page.get_by_role("heading", level=1).inner_text() == "Willkommen in Taunusstein"
    map_region = page.get_by_role("region", name="Karte von Taunusstein")
    # Leaflet draws every GeoJSON polygon as one SVG path: 10 districts + the boundary.
    assert map_region.locator("path.leaflet-interactive").count() == 10
    assert map_region.locator(".leaflet-overlay-pane path").count() == 11
    assert sorted(map_region.locator(".district-label").all_inner_texts()) == sorted(TAUNUSSTEIN_DISTRICTS)
    assert map_region.locator("img.leaflet-tile").count() == 0
    attribution = map_region.locator(".leaflet-control-attribution")
    assert "© GeoBasis-DE / BKG (2025), Daten verändert" in attribution.inner_text()
    assert attribution.get_by_role("link", name="dl-de/by-2-0").get_attribute("href") == (
        "https://www.govdata.de/dl-de/by-2-0"
    )
    assert map_region.get_by_role("button", name="Hineinzoomen").is_visible()
    hosts = {urlparse(url).netloc for url in requested if not url.startswith("data:")}
    assert hosts == {urlparse(live_server.url).netloc}, "the map must not reach any other server"


def test_the_list_alternative_names_the_same_ten_districts(page, live_server, taunusstein):
    open_app(page, live_server, "#/", "/")
    district_list = page.get_by_role("region", name="Stadtteile als Liste")
    assert "Taunusstein hat 10 Stadtteile" in district_list.inner_text()
    names = district_list.locator("li .feature-name").all_inner_texts()
    assert names == sorted(TAUNUSSTEIN_DISTRICTS)


def test_showing_a_district_from_the_list_highlights_it_on_the_map(page, live_server, taunusstein):
    open_app(page, live_server, "#/", "/")
    zoom_before = page.evaluate("document.querySelector('.leaflet-proxy').style.transform")
    page.get_by_role("button", name="Wehen auf der Karte zeigen").click()
    highlighted = page.locator("path.leaflet-interactive[stroke-width='3']")
    assert highlighted.count() == 1
    page.wait_for_function(
        "before => document.querySelector('.leaflet-proxy').style.transform !== before", arg=zoom_before
    )


def test_the_map_page_of_a_municipality_is_accessible_on_phone_and_desktop(new_page, live_server, taunusstein):
    for name, viewport in VIEWPORTS.items():
        page = new_page(viewport)
        open_app(page, live_server, "#/m/taunusstein", "/m/:slug")
        assert page.get_by_role("heading", level=1).inner_text() == "Willkommen in Taunusstein"
        assert page.title() == "Willkommen in Taunusstein – stadtstimme"
        assert_accessible(page)
        screenshot(page, f"start-page-{name}")


def test_a_phone_sees_the_whole_map_width_without_scrolling_sideways(new_page, live_server, taunusstein):
    page = new_page(PHONE)
    open_app(page, live_server, "#/", "/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    box = page.get_by_role("region", name="Karte von Taunusstein").bounding_box()
    assert box is not None and box["width"] >= PHONE["width"] - 40 and box["height"] >= 280


def test_with_several_municipalities_the_start_page_lets_people_choose(page, live_server, taunusstein):
    from geo import services as geo

    run(geo.create_from_ags("06439008"))  # Idstein, next door
    open_app(page, live_server, "#/", "/")
    assert page.get_by_role("heading", level=1).inner_text() == "Willkommen bei stadtstimme"
    choices = page.get_by_role("list", name="Bitte wählen Sie Ihre Kommune:")
    assert sorted(choices.get_by_role("link").all_inner_texts()) == ["Idstein", "Taunusstein"]
    assert_accessible(page)
    choices.get_by_role("link", name="Taunusstein").click()
    wait_for_view(page, "/m/:slug")
    assert page.get_by_role("heading", level=1).inner_text() == "Willkommen in Taunusstein"
    assert page.get_by_role("list").filter(has_text="Bleidenstadt").count() == 1


def test_osm_tiles_appear_only_when_a_tile_url_is_configured(page, start_server, taunusstein):
    # A tile "server" on loopback: the app's own copy of a Leaflet PNG stands in for every tile.
    tiled = start_server(tile_url="/vendor/leaflet/images/layers.png?z={z}&x={x}&y={y}")
    open_app(page, tiled, "#/", "/")
    tiles = page.locator("img.leaflet-tile")
    tiles.first.wait_for(state="attached")
    assert tiles.count() > 0
    assert "Kartenhintergrund: © OpenStreetMap-Mitwirkende" in page.locator("footer").inner_text()
    assert page.locator(".leaflet-overlay-pane path").count() == 11
