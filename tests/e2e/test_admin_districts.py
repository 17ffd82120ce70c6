"""An admin uploads district shapes from a file (previewed first), draws one, renames one and re-assigns reports."""

import json

from geo import services as geo
from geo.roles import Role
from tests.defects.factories import stored_report, town_with_categories
from tests.e2e.conftest import PHONE, assert_accessible, login, open_app, run, wait_for_view
from tests.factories import INSIDE, person, split_into_districts

ADMIN = "admin@taunusstein.example"
ROUTE = "#/m/taunusstein/admin/districts"
VIEW = "/m/:slug/admin/districts"
PREVIEW = 'path[stroke="#b5179e"]'


def _admin_with_a_stale_report(taunusstein):
    run(person(ADMIN, roles=(Role.ADMIN,), municipality=taunusstein, name="Stadtverwaltung"))
    town = run(town_with_categories(taunusstein))
    run(stored_report(town, **INSIDE, district_id=None))


def test_an_admin_previews_an_upload_saves_it_and_reassigns_reports(page, live_server, taunusstein, tmp_path):
    _admin_with_a_stale_report(taunusstein)
    login(page, live_server, ADMIN)
    open_app(page, live_server, ROUTE, VIEW)
    page.wait_for_selector("#district-admin-list li")
    assert_accessible(page)

    broken = tmp_path / "kaputt.geojson"
    broken.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"name": "Kaputt"},
                        "geometry": {"type": "Polygon", "coordinates": [[1, 2]]},
                    },
                    {"type": "Feature", "properties": {}, "geometry": None},
                ],
            }
        ),
        encoding="utf-8",
    )
    page.set_input_files("input[name=file]", str(broken))
    summary = page.locator(".error-summary:not([hidden])")
    summary.wait_for()
    assert "Die Fläche von „Kaputt“ hat ungültige Koordinaten" in summary.inner_text()
    assert "Fläche Nr. 2 hat keinen Namen" in summary.inner_text()
    assert page.locator(PREVIEW).count() == 0
    assert_accessible(page)

    upload = split_into_districts(json.loads(taunusstein.boundary), ["Nordwest", "Wehen"])
    good = tmp_path / "stadtteile.geojson"
    good.write_text(json.dumps(upload), encoding="utf-8")
    page.set_input_files("input[name=file]", str(good))
    names = page.locator("#preview-names")
    names.wait_for()
    assert [line.strip() for line in names.inner_text().splitlines()] == [
        "Nordwest – neu",
        "Wehen – ersetzt die bisherige Fläche",
    ]
    assert page.locator(PREVIEW).count() == 2  # drawn on the map before anything is saved
    assert "Nordwest" not in page.locator("#district-admin-list").inner_text()
    assert_accessible(page)

    page.get_by_role("button", name="Stadtteile speichern").click()
    page.get_by_text("2 Stadtteile gespeichert.").wait_for()
    assert "Nordwest" in page.locator("#district-admin-list").inner_text()
    assert page.locator(PREVIEW).count() == 0
    assert page.evaluate("() => document.activeElement.id") == "reassign-button"

    page.keyboard.press("Enter")  # the focused re-assign button
    result = page.locator("#reassign-result")
    result.get_by_text("1 Meldung mit Ort geprüft, davon 1 neu zugeordnet.").wait_for()
    assert "0 Vorschläge mit Ort geprüft" in result.inner_text()


def test_an_admin_renames_by_keyboard_and_draws_a_district(page, live_server, taunusstein):
    _admin_with_a_stale_report(taunusstein)
    login(page, live_server, ADMIN)
    open_app(page, live_server, ROUTE, VIEW)
    wehen = page.locator("#district-admin-list li", has_text="Wehen")
    wehen.get_by_role("button", name="Umbenennen: Wehen").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Control+A")
    page.keyboard.type("Hahn")  # taken: the server says so next to the field
    page.keyboard.press("Enter")
    page.get_by_text("Einen Stadtteil „Hahn“ gibt es schon.").first.wait_for()
    # Focus is on the error summary now; its link leads back to the field.
    page.locator(".error-summary a", has_text="gibt es schon").first.press("Enter")
    page.keyboard.press("Control+A")
    page.keyboard.type("Wehen-Mitte")
    page.keyboard.press("Enter")
    page.get_by_text("Der Stadtteil heißt jetzt „Wehen-Mitte“.").wait_for()
    assert "Wehen-Mitte" in {d["name"] for d in run(geo.districts_of(taunusstein.id))}

    page.get_by_role("button", name="Neue Fläche zeichnen").click()
    page.get_by_text("Zeichnen läuft").wait_for()
    page.wait_for_timeout(300)  # the map scrolled into view
    box = page.locator("#district-map").bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    corners = [(cx - 25, cy - 25), (cx + 25, cy - 25), (cx + 25, cy + 25), (cx - 25, cy + 25)]
    for x, y in corners:
        page.mouse.click(x, y)
        page.wait_for_timeout(150)
    page.mouse.click(*corners[0])  # closing the ring finishes the shape
    name = page.locator("input[name=name]").last
    name.wait_for()
    page.wait_for_function("() => document.activeElement && document.activeElement.name === 'name'")
    page.keyboard.type("Gezeichnet")
    page.keyboard.press("Enter")
    page.get_by_text("1 Stadtteil gespeichert.").wait_for()
    drawn = {d["name"]: d["geometry"] for d in run(geo.districts_of(taunusstein.id))}
    assert drawn["Gezeichnet"] and json.loads(drawn["Gezeichnet"])["type"] == "Polygon"
    assert "Gezeichnet" in page.locator("#district-admin-list").inner_text()


def test_the_districts_page_fits_a_phone_and_passes_axe(new_page, live_server, taunusstein):
    _admin_with_a_stale_report(taunusstein)
    phone = new_page(PHONE)
    login(phone, live_server, ADMIN)
    open_app(phone, live_server, ROUTE, VIEW)
    phone.wait_for_selector("#district-admin-list li")
    assert phone.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(phone)


def test_people_without_the_admin_role_see_no_districts_page(page, live_server, taunusstein):
    run(person("rat@taunusstein.example", roles=(Role.COUNCIL,), municipality=taunusstein, name="Rat"))
    login(page, live_server, "rat@taunusstein.example")
    open_app(page, live_server, ROUTE, VIEW)
    wait_for_view(page, VIEW)
    assert page.get_by_role("alert").inner_text().startswith("Diesen Bereich sehen nur")
    assert page.locator("input[name=file]").count() == 0
