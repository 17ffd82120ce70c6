"""The one location picker, by keyboard: the map is a tab stop, arrow keys move the pin, Enter sets it, and a live
text says where it is. The proposal form refuses "on the map" without a pin; the report form's coordinate fields
follow the pin. Screenshots of both forms (phone and desktop) go to test-artifacts/."""

import re

from geo.roles import Role
from tests.defects.factories import town_with_categories
from tests.e2e.conftest import VIEWPORTS, assert_accessible, login, open_app, run, screenshot, wait_for_view
from tests.factories import person
from tests.proposals.factories import admin_of, consultation
from tests.support.moderation import post_moderated

SLUG = "taunusstein"


def place_by_keyboard(page, map_id):
    """Tab onto the map, move the pin with the arrow keys, set it with Enter; returns the announcements."""
    page.locator(f"#{map_id}").focus()
    page.keyboard.press("ArrowRight")  # the first arrow press puts the pin in the middle of the map
    page.keyboard.press("Shift+ArrowUp")
    page.keyboard.press("ArrowLeft")
    status = page.locator(f"#{map_id} ~ .picker-status")
    moving = status.inner_text()
    page.keyboard.press("Enter")
    return moving, status.inner_text()


def test_a_resident_places_a_proposal_by_keyboard_and_is_told_when_the_pin_is_missing(
    new_page, live_server, taunusstein
):
    run(post_moderated(taunusstein))
    cid = run(consultation(taunusstein, run(admin_of(taunusstein))))
    run(person("anna@example.org", roles=(Role.RESIDENT,), municipality=taunusstein, name="Anna"))
    for name, viewport in VIEWPORTS.items():
        page = new_page(viewport)
        login(page, live_server, "anna@example.org")
        open_app(page, live_server, f"#/m/{SLUG}/consultations/{cid}/new", "/m/:slug/consultations/:id/new")
        place_by_keyboard(page, "pin-map")
        page.keyboard.press("ArrowRight")  # a pin moved but not set yet: drawn lighter, the status says so
        screenshot(page, f"proposal-form-{name}")
        page.close()

    page = new_page()
    login(page, live_server, "anna@example.org")
    open_app(page, live_server, f"#/m/{SLUG}/consultations/{cid}/new", "/m/:slug/consultations/:id/new")
    page.get_by_label("Titel").fill("Bank am Bach")
    page.get_by_label("Beschreibung").fill("Zum Ausruhen beim Spaziergang.")
    page.get_by_label("Auf der Karte markieren").check()
    page.get_by_role("button", name="Vorschlag einreichen").click()
    error = page.locator('fieldset[data-field="location"] .field-error')
    error.wait_for()
    assert "noch keinen Ort gesetzt" in error.inner_text()
    assert "Ort: " in page.locator(".error-summary").inner_text()  # the summary names the field by its legend
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")  # the summary takes the focus
    page.locator(".error-summary a", has_text="Ort").click()  # its link leads to the map
    assert page.evaluate("document.activeElement.id") == "pin-map"
    assert_accessible(page)

    assert page.locator("#pin-map").get_attribute("tabindex") == "0"
    moving, done = place_by_keyboard(page, "pin-map")
    assert "Markierung bei" in moving and "Eingabetaste" in moving and "° N" in moving
    assert done.startswith("Ort gesetzt:")
    assert page.get_by_label("Auf der Karte markieren").is_checked()
    page.get_by_role("button", name="Vorschlag einreichen").click()
    wait_for_view(page, "/m/:slug/proposals/:id")
    pid = page.url.rsplit("/", 1)[-1]
    saved = page.evaluate(f"fetch('/api/v1/municipalities/{SLUG}/proposals/{pid}').then(r => r.json())")
    assert saved["location"] is not None


def test_the_report_form_takes_the_pin_from_the_keyboard_into_its_coordinate_fields(new_page, live_server, taunusstein):
    run(post_moderated(taunusstein))
    run(town_with_categories(taunusstein))
    for name, viewport in VIEWPORTS.items():
        page = new_page(viewport)
        open_app(page, live_server, f"#/m/{SLUG}/reports/new", "/m/:slug/reports/new")
        place_by_keyboard(page, "pick-map")
        screenshot(page, f"report-form-{name}")
        page.close()

    page = new_page()
    open_app(page, live_server, f"#/m/{SLUG}/reports/new", "/m/:slug/reports/new")
    moving, done = place_by_keyboard(page, "pick-map")
    assert "Markierung bei" in moving
    assert done.startswith("Ort gesetzt:")
    lat = page.get_by_label("Breitengrad").input_value()
    lon = page.get_by_label("Längengrad").input_value()
    assert re.fullmatch(r"50\.\d{6}", lat) and re.fullmatch(r"8\.\d{6}", lon)
    # Escape after moving goes back to the set place; the fields keep it.
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")
    assert page.get_by_label("Breitengrad").input_value() == lat
    assert "Zurück zum gesetzten Ort" in page.locator("#pick-map ~ .picker-status").inner_text()
    assert_accessible(page)
