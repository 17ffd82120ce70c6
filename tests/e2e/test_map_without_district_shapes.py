"""Districts known only by name (as in the demo) are listed, and the map says their shapes are missing."""

from backend.demo import TAUNUSSTEIN_AGS, TAUNUSSTEIN_DISTRICTS
from tests.e2e.conftest import assert_accessible, open_app, run


def test_districts_without_shapes_are_listed_and_the_map_shows_the_boundary(page, live_server, db):
    from geo import services as geo

    run(geo.create_from_ags(TAUNUSSTEIN_AGS, district_names=TAUNUSSTEIN_DISTRICTS))
    open_app(page, live_server, "#/", "/")
    map_region = page.get_by_role("region", name="Karte von Taunusstein")
    assert map_region.locator(".leaflet-overlay-pane path").count() == 1  # the boundary
    assert "Die Grenzen der Stadtteile sind noch nicht hinterlegt" in page.locator("main").inner_text()
    district_list = page.get_by_role("region", name="Stadtteile als Liste")
    assert district_list.locator("li").all_inner_texts() == sorted(TAUNUSSTEIN_DISTRICTS)
    assert district_list.get_by_role("button").count() == 0  # nothing to show on the map
    assert_accessible(page)
