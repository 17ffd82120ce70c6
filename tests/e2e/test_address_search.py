"""A resident finds the spot by typing a street: picks a suggestion with the keyboard, the pin moves there and
the address field is filled; nudging the pin names the nearest house; the filed report shows the address.
At 390 px and 1280 px, axe clean at every step."""

import re

import pytest

from geo import services as geo
from geo.addresses import importing
from tests.defects.factories import town_with_categories
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, open_app, run, screenshot, wait_for_view
from tests.factories import INSIDE
from tests.support.mailbox import first_link
from tests.support.moderation import post_moderated

SLUG = "taunusstein"
LAT, LON = INSIDE["lat"], INSIDE["lon"]
CSV = "\n".join(
    ["street,housenumber,postcode,place,lat,lon"]
    + [f"Aarstraße,{n},65232,Wehen,{LAT + (n - 150) * 0.0001},{LON}" for n in range(146, 156)]
    + [f"Kirchstraße,{n},65232,Hahn,{LAT - 0.004},{LON - 0.004 + n * 0.0001}" for n in range(1, 6)]
)


def prepare(municipality):
    async def go():
        await post_moderated(municipality)
        await town_with_categories(municipality)
        rows, _ = importing.parse(CSV.encode(), await geo.territory_of(municipality))
        await importing.replace_register(municipality.id, rows, licence="CC0-1.0", attribution="Testdaten")

    run(go())


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_a_resident_types_a_street_picks_a_suggestion_and_the_report_shows_the_address(
    new_page, live_server, mailbox, taunusstein, viewport
):
    prepare(taunusstein)
    page = new_page(viewport)
    open_app(page, live_server, f"#/m/{SLUG}/reports/new", "/m/:slug/reports/new")
    search = page.get_by_role("combobox", name="Adresse suchen")
    search.fill("Aarstraße 150")
    option = page.get_by_role("option", name="Aarstraße 150, 65232 Wehen")
    option.wait_for()
    assert search.get_attribute("aria-expanded") == "true"
    assert_accessible(page)
    screenshot(page, f"address-suggestions-{viewport['width']}")
    search.press("ArrowDown")
    assert search.get_attribute("aria-activedescendant") == option.get_attribute("id")
    search.press("Enter")
    assert search.get_attribute("aria-expanded") == "false"
    assert abs(float(page.get_by_label("Breitengrad").input_value()) - LAT) < 1e-6
    address = page.get_by_label("Straße, Hausnummer oder Ortsbeschreibung")
    assert address.input_value() == "Aarstraße 150, 65232 Wehen"

    # A place and a street: the street there.
    search.fill("Hahn, Kirch")
    page.get_by_role("option", name="Kirchstraße, 65232 Hahn").wait_for()
    search.press("Escape")
    assert search.get_attribute("aria-expanded") == "false"

    # The pin moved by keyboard a little north: the nearest house is named and taken into the field.
    page.locator("#pick-map").focus()
    for _ in range(3):
        page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    page.locator(".picker-status", has_text="Nächste Adresse").wait_for()
    assert re.match(r"Aarstraße 15\d, 65232 Wehen", address.input_value())
    chosen = address.input_value()
    assert_accessible(page)
    screenshot(page, f"address-picked-{viewport['width']}")

    page.get_by_label("Kategorie").select_option(label="Straßen, Geh- und Radwege")
    page.get_by_label("Wie groß ist der Schaden?").select_option(label="groß")
    page.get_by_label("Beschreibung", exact=True).fill("Schlagloch vor dem Haus")
    page.get_by_label("E-Mail-Adresse").fill("mira@example.org")
    page.get_by_role("button", name="Meldung absenden").click()
    wait_for_view(page, "/m/:slug/reports/sent/:id")
    report_id = re.search(r"/sent/(\d+)", page.url).group(1)
    page.goto(first_link(mailbox.wait_for_sync("mira@example.org", "bestätigen")))
    page.get_by_text("Ihre Meldung ist bestätigt").wait_for()
    open_app(page, live_server, f"#/m/{SLUG}/reports/{report_id}", "/m/:slug/reports/:id")
    assert page.locator("#report-place").inner_text().startswith(chosen)
    assert_accessible(page)
    screenshot(page, f"address-report-{viewport['width']}")
