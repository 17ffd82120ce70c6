"""An admin sets the moderation rule and a word, lifts a block and reads the filtered audit log, by keyboard."""

from datetime import UTC, datetime, timedelta

from geo.roles import Role
from moderation import services as moderation
from moderation.schemas import SanctionCreate
from tests.e2e.conftest import PHONE, assert_accessible, login, open_app, run
from tests.factories import person

ADMIN = "admin@taunusstein.example"
ROUTE = "#/m/taunusstein/admin/moderation"
VIEW = "/m/:slug/admin/moderation"


def _scene(taunusstein):
    admin = run(person(ADMIN, roles=(Role.ADMIN,), municipality=taunusstein, name="Ad Min"))
    anna = run(person("anna@example.org", roles=(Role.RESIDENT,), municipality=taunusstein, name="Anna"))
    until = datetime.now(UTC) + timedelta(days=7)
    run(
        moderation.impose(
            taunusstein.id,
            admin,
            SanctionCreate(user_id=anna, kind="mute", until=until, reason="Beleidigungen"),
            mailer=None,
        )
    )
    return admin


def test_an_admin_changes_the_rule_and_a_word_and_filters_the_audit_log(page, live_server, taunusstein):
    _scene(taunusstein)
    login(page, live_server, ADMIN)
    open_app(page, live_server, ROUTE, VIEW)
    page.wait_for_selector("#audit-table")
    assert_accessible(page)

    # The rule, by keyboard: the radio group, then the threshold, then save.
    page.get_by_label("Vorab prüfen: Jeder Beitrag wartet").focus()
    page.keyboard.press("Space")
    page.get_by_label("Ab wie vielen Meldungen").fill("5")
    page.get_by_role("button", name="Grundregel speichern").press("Enter")
    page.locator("#policy-heading ~ [role=status]").get_by_text("Gespeichert.").wait_for()
    saved = run(moderation.policies(taunusstein.id))
    assert saved.municipality_policy == "pre" and saved.flag_threshold == 5

    # A word: add by typing and Enter, refuse a duplicate next to the field, remove it again.
    page.get_by_label("Neues Wort oder neue Wendung").fill("Schrottkarre")
    page.keyboard.press("Enter")
    page.get_by_text("„Schrottkarre“ steht jetzt auf der Liste.").wait_for()
    assert "Schrottkarre" in run(moderation.word_list(taunusstein.id)).extra_words
    page.keyboard.type("schrottkarre")  # the field has focus again
    page.keyboard.press("Enter")
    page.locator(".field-error", has_text="steht schon auf der Liste").wait_for()
    page.get_by_role("button", name="„Schrottkarre“ entfernen").click()
    page.get_by_text("„Schrottkarre“ wurde entfernt.").wait_for()
    assert run(moderation.word_list(taunusstein.id)).extra_words == ""

    # The mute, with its end date, lifted from the page.
    table = page.locator("#sanction-table")
    assert "Stummschaltung" in table.inner_text() and "Beleidigungen" in table.inner_text()
    page.get_by_role("button", name="Maßnahme gegen Anna aufheben").click()
    page.get_by_text("Die Maßnahme gegen Anna ist aufgehoben.").wait_for()
    assert "aufgehoben am" in page.locator("#sanction-table").inner_text()
    assert not run(moderation.sanctions_of(taunusstein.id))[0].active

    # The audit log: filtered by what, and the CSV link carries the same filter.
    page.get_by_label("Was", exact=True).select_option(label="Wortliste geändert")
    page.get_by_role("button", name="Filtern").click()
    page.get_by_text("2 Einträge angezeigt.").wait_for()
    rows = page.locator("#audit-table tbody tr")
    assert rows.count() == 2 and "Ad Min" in rows.first.inner_text()
    assert "action=words_changed" in page.locator("#audit-csv").get_attribute("href")
    page.get_by_label("Was", exact=True).select_option(label="alle")
    page.get_by_label("Von (Datum)").fill("2001-01-01")
    page.get_by_label("Bis (Datum, einschließlich)").fill("2001-12-31")
    page.get_by_role("button", name="Filtern").click()
    page.get_by_text("Keine Einträge für diese Auswahl.").wait_for()
    assert "since=2000-12-31" in page.locator("#audit-csv").get_attribute("href") or "since=2001-01-01" in (
        page.locator("#audit-csv").get_attribute("href")
    )
    assert_accessible(page)


def test_the_moderation_settings_fit_a_phone_and_pass_axe(new_page, live_server, taunusstein):
    _scene(taunusstein)
    phone = new_page(PHONE)
    login(phone, live_server, ADMIN)
    open_app(phone, live_server, ROUTE, VIEW)
    phone.wait_for_selector("#audit-table")
    assert phone.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(phone)
