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
    tiled = start_server(
        tile_url="/vendor/leaflet/images/layers.png?z={z}&x={x}&y={y}", tile_attribution="© OpenStreetMap-Mitwirkende"
    )
    open_app(page, tiled, "#/", "/")
    tiles = page.locator("img.leaflet-tile")
    tiles.first.wait_for(state="attached")
    assert tiles.count() > 0
    assert "Kartenhintergrund: © OpenStreetMap-Mitwirkende" in page.locator("footer").inner_text()
    assert page.locator(".leaflet-overlay-pane path").count() == 11


# --- the start page as a resident uses it: report a problem, consultations, one map with two layers ---------

SLUG = "taunusstein"


def _town_with_content(municipality, *, photo_store=None):
    """Three reports on one spot (a cluster), one on its own, a running consultation with a pinned proposal."""
    from contributions.tables import Photo
    from defects.tables import Report
    from tests.defects.factories import jpeg, stored_report, town_with_categories
    from tests.factories import INSIDE, person
    from tests.proposals.factories import admin_of, consultation, proposal
    from tests.support.moderation import post_moderated

    async def go():
        await post_moderated(municipality)
        town = await town_with_categories(municipality)
        for _ in range(3):
            await stored_report(town, INSIDE["lat"], INSIDE["lon"])
        single = await stored_report(town, INSIDE["lat"] + 0.03, INSIDE["lon"] - 0.03, status="erledigt")
        await Report.update(
            {Report.address: "Aarstraße 12", Report.description: "Die Laterne vor Haus 12 ist seit Tagen dunkel."}
        ).where(Report.id == single)
        if photo_store is not None:
            stored = photo_store.ingest(jpeg(320, 240))
            await Photo(
                municipality=municipality.id,
                content_type="defect_report",
                content_id=single,
                key=stored.key,
                width=stored.width,
                height=stored.height,
                visibility="public",
            ).save()
        admin = await admin_of(municipality)
        cid = await consultation(municipality, admin)
        resident = await person("anna@example.org", municipality=municipality, name="Anna")
        await proposal(municipality, cid, resident, title="Mehr Bänke am Platz")
        return single

    return run(go())


def test_mangel_melden_on_the_start_page_leads_to_the_report_form(page, live_server, taunusstein):
    _town_with_content(taunusstein)
    open_app(page, live_server, f"#/m/{SLUG}", "/m/:slug")
    button = page.get_by_role("link", name="Mangel melden")
    assert button.is_visible()
    button.click()
    wait_for_view(page, "/m/:slug/reports/new")
    assert page.url.endswith(f"#/m/{SLUG}/reports/new")


def test_running_consultations_new_reports_and_answers_are_on_the_start_page(page, live_server, taunusstein):
    _town_with_content(taunusstein)
    open_app(page, live_server, f"#/m/{SLUG}", "/m/:slug")
    running = page.get_by_role("region", name="Laufende Beteiligungen")
    link = running.get_by_role("link", name="Neugestaltung Platz der Deutschen Einheit")
    assert link.get_attribute("href").startswith(f"#/m/{SLUG}/consultations/")
    assert "Phase: Jetzt mitmachen" in running.inner_text() and " bis " in running.inner_text()
    recent = page.get_by_role("region", name="Neue Meldungen")
    assert recent.get_by_role("link").filter(has_text="Straßen").count() >= 3
    assert "Aarstraße 12" in recent.inner_text() and "Erledigt" in recent.inner_text()
    assert page.get_by_role("region", name="Neue Antworten der Verwaltung").is_visible()
    pins = page.get_by_role("region", name="Vorschläge auf der Karte als Liste")
    assert pins.get_by_role("link", name="Mehr Bänke am Platz").is_visible()
    assert "null" not in page.locator("main").inner_text()


def test_both_layers_are_on_one_map_and_switch_by_keyboard_and_a_cluster_shows_its_count(
    page, live_server, taunusstein
):
    _town_with_content(taunusstein)
    open_app(page, live_server, f"#/m/{SLUG}", "/m/:slug")
    map_region = page.get_by_role("region", name="Karte von Taunusstein")
    cluster = map_region.locator(".report-cluster").filter(has_text="3")
    cluster.wait_for()
    assert cluster.get_attribute("title") == "3 Meldungen hier – zum Vergrößern klicken"
    pin = map_region.locator(".proposal-pin")
    assert pin.count() == 1 and pin.get_attribute("title") == "Mehr Bänke am Platz"

    proposals_box = page.get_by_role("checkbox", name="Vorschläge aus laufenden Beteiligungen")
    reports_box = page.get_by_role("checkbox", name="Mängel-Meldungen")
    assert proposals_box.is_checked() and reports_box.is_checked()
    proposals_box.focus()
    page.keyboard.press("Space")
    assert not proposals_box.is_checked()
    assert pin.count() == 0 and cluster.count() == 1
    page.keyboard.press("Space")
    assert pin.count() == 1
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.id") == "layer-reports"
    page.keyboard.press("Space")
    assert map_region.locator(".report-cluster").count() == 0 and map_region.locator("path.report-marker").count() == 0
    page.keyboard.press("Space")
    map_region.locator(".report-cluster").first.wait_for()

    # The legend shows the markers' colours.
    assert (
        page.evaluate(
            "() => getComputedStyle(document.querySelector('.map-legend .map-swatch-closed')).backgroundColor"
        )
        == "rgb(43, 122, 61)"
    )
    assert map_region.locator("path.report-closed").get_attribute("fill") == "#2b7a3d"


def test_a_marker_click_opens_a_popup_with_a_link_to_the_report(page, live_server, taunusstein):
    single = _town_with_content(taunusstein)
    open_app(page, live_server, f"#/m/{SLUG}", "/m/:slug")
    marker = page.locator("path.report-marker.report-closed")
    marker.wait_for()
    marker.click(force=True)
    popup = page.locator(".leaflet-popup")
    link = popup.get_by_role("link", name="Zur Meldung")
    link.wait_for()
    assert f"#{single}" in popup.inner_text() and "Erledigt" in popup.inner_text()
    assert "Aarstraße 12" in popup.inner_text()
    assert page.url.endswith(f"#/m/{SLUG}"), "a marker opens a popup, not a new page"
    link.click()
    wait_for_view(page, "/m/:slug/reports/:id")
    assert page.url.endswith(f"#/m/{SLUG}/reports/{single}")


def test_the_start_page_with_content_is_accessible_and_fits_a_phone(new_page, live_server, taunusstein):
    _town_with_content(taunusstein)
    for name, viewport in VIEWPORTS.items():
        page = new_page(viewport)
        open_app(page, live_server, f"#/m/{SLUG}", "/m/:slug")
        page.locator(".report-cluster").first.wait_for()
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        assert_accessible(page)
        screenshot(page, f"start-page-with-content-{name}")


def test_the_report_list_shows_a_thumbnail_street_and_excerpt(page, live_server, smtp, taunusstein):
    from media.photos import PhotoStore
    from tests.conftest import make_settings

    single = _town_with_content(taunusstein, photo_store=PhotoStore(make_settings(smtp).media_dir))
    open_app(page, live_server, f"#/m/{SLUG}/reports", "/m/:slug/reports")
    item = page.locator(f"#report-list li[data-id='{single}']")
    thumb = item.get_by_role("img", name=f"Foto zur Meldung #{single}")
    thumb.wait_for()
    page.wait_for_function("() => [...document.querySelectorAll('#report-list img')].every(i => i.complete)")
    assert thumb.evaluate("img => img.naturalWidth") > 0
    assert "Aarstraße 12" in item.inner_text() and "Die Laterne vor Haus 12" in item.inner_text()
    assert page.locator("#report-list img").count() == 1, "reports without a photo show no empty frame"
    assert_accessible(page)


def test_the_report_page_shows_its_small_map_and_street(new_page, live_server, taunusstein):
    single = _town_with_content(taunusstein)
    for name, viewport in VIEWPORTS.items():
        page = new_page(viewport)
        open_app(page, live_server, f"#/m/{SLUG}/reports/{single}", "/m/:slug/reports/:id")
        small = page.get_by_role("region", name=f"Karte: Ort der Meldung #{single}")
        assert small.is_visible()
        assert small.locator("path.report-marker").count() == 1
        assert "Aarstraße 12" in page.locator("dl.facts").inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        assert_accessible(page)
        screenshot(page, f"report-page-{name}")


def test_leaving_the_page_while_the_map_zooms_raises_no_error(new_page, live_server, taunusstein):
    """Leaflet ends a zoom from a timer its remove() does not clear; the page error fixture catches a throw."""
    page = new_page(DESKTOP)
    open_app(page, live_server, "#/", "/")
    for district in ("Wehen", "Hahn", "Bleidenstadt"):
        page.get_by_role("button", name=f"{district} auf der Karte zeigen", exact=True).click()
        page.wait_for_function("() => document.querySelector('.leaflet-zoom-anim')")
        page.evaluate("location.hash = '#/login'")
        wait_for_view(page, "/login")
        page.wait_for_timeout(300)  # the animation's end timer (250 ms) has run
        page.go_back()
        wait_for_view(page, "/")
