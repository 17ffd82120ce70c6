"""Area alerts in the browser: under the report map a resident subscribes to new reports around a place found by
typing a street (with a radius), and an Ortsbeirat member to a district; each sees the Atom feed link; on the
account page both are listed and one is ended. Logged out, the section offers the login and the town's feed.
At 390 px and 1280 px, axe clean at every step."""

import httpx
import pytest

from defects.tables import AreaAlert
from geo.roles import Role
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, login, open_app, run, screenshot
from tests.e2e.test_address_search import LAT, prepare
from tests.factories import person

SLUG = "taunusstein"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_a_resident_subscribes_around_a_street_and_ends_it_on_the_account_page(
    new_page, live_server, taunusstein, viewport
):
    prepare(taunusstein)
    run(person("olga@example.org", name="Olga", roles=(Role.COUNCIL,), municipality=taunusstein))

    anonymous = new_page(viewport)
    open_app(anonymous, live_server, f"#/m/{SLUG}/reports", "/m/:slug/reports")
    section = anonymous.locator("section.area-alerts")
    section.get_by_role("link", name="Melden Sie sich an, um ein Gebiet zu abonnieren.").wait_for()
    feed = section.get_by_role("link", name="Alle neuen Meldungen als Atom-Feed").get_attribute("href")
    assert feed and httpx.get(f"{live_server.url}{feed}").headers["content-type"].startswith("application/atom+xml")

    page = new_page(viewport)
    login(page, live_server, "olga@example.org")
    open_app(page, live_server, f"#/m/{SLUG}/reports", "/m/:slug/reports")
    section = page.locator("section.area-alerts")
    section.get_by_role("heading", name="Neue Meldungen hier abonnieren").wait_for()

    # Nothing set yet: the form says so next to the place and sends nothing.
    section.get_by_role("button", name="Abonnieren").click()
    section.get_by_text("Bitte setzen Sie einen Ort auf der Karte.").first.wait_for()
    assert_accessible(page)

    search = section.get_by_role("combobox", name="Adresse suchen")
    search.fill("Aarstraße 150")
    section.get_by_role("option", name="Aarstraße 150, 65232 Wehen").click()
    section.get_by_label("Umkreis", exact=True).select_option("1000")
    section.get_by_label("Name des Abos (freiwillig)").fill("Rund um die Schule")
    section.get_by_role("button", name="Abonnieren").click()
    saved = page.locator("#alert-done", has_text="Abonniert: Rund um die Schule.")
    saved.wait_for()
    alert_feed = saved.get_by_role("link", name="Atom-Feed").get_attribute("href")
    assert alert_feed and "radius=1000" in alert_feed
    assert httpx.get(alert_feed).status_code == 200
    assert_accessible(page)
    screenshot(page, f"area-alert-place-{viewport['width']}")

    # The same form by district (the Ortsbeirat's way).
    section.get_by_label("Ein Stadtteil").check()
    assert section.locator("#alert-place").is_hidden()
    section.get_by_role("button", name="Abonnieren").click()
    section.get_by_text("Bitte wählen Sie einen Stadtteil.").first.wait_for()
    section.get_by_label("Stadtteil", exact=True).select_option(index=1)
    district_name = section.get_by_label("Stadtteil", exact=True).locator("option:checked").inner_text()
    section.get_by_label("Name des Abos (freiwillig)").fill("")
    section.get_by_role("button", name="Abonnieren").click()
    page.locator("#alert-done", has_text=f"Abonniert: Stadtteil {district_name}.").wait_for()
    assert_accessible(page)

    rows = run(AreaAlert.select().order_by(AreaAlert.id))
    assert [(r["label"], r["radius_m"], r["district"] is not None) for r in rows] == [
        ("Rund um die Schule", 1000, False),
        ("", None, True),
    ]
    assert abs(rows[0]["lat"] - LAT) < 1e-6

    open_app(page, live_server, "#/account", "/account")
    mine = page.locator("#my-alerts")
    mine.locator("li", has_text="Rund um die Schule (Taunusstein)").wait_for()
    assert f"Stadtteil {district_name}" in mine.inner_text()
    assert_accessible(page)
    screenshot(page, f"area-alerts-account-{viewport['width']}")
    mine.get_by_role("button", name="Rund um die Schule abbestellen").click()
    page.get_by_text("Abbestellt: Rund um die Schule.").wait_for()
    assert mine.locator("li").count() == 1
    assert page.evaluate("document.activeElement.id") == "my-alerts-heading"
    assert [r["district"] is not None for r in run(AreaAlert.select())] == [True]
    assert_accessible(page)
