"""The legal pages in the browser: footer links on every page, the pages themselves (axe-clean at 390 and 1280),
the accessibility feedback form, the terms checkbox at registration, and the admins' editing screen."""

from typing import Any

import pytest

from geo.roles import Role
from geo.tables import Municipality
from legal import services as legal
from legal.kinds import Kind
from legal.tables import TermsAcceptance
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, login, open_app, run, wait_for_view
from tests.factories import person

CONTACT = "buergerbuero@taunusstein.example"
TITLES = {
    "Impressum": "Impressum",
    "Datenschutz": "Datenschutzerklärung",
    "Barrierefreiheit": "Erklärung zur Barrierefreiheit",
    "Nutzungsbedingungen": "Nutzungsbedingungen und Netiquette",
}


async def _no_audit(*_: Any, **__: Any) -> None:
    return None


async def _publish_all(municipality_id: int, user_id: int) -> None:
    await Municipality.update({Municipality.contact_email: CONTACT}).where(Municipality.id == municipality_id)
    for kind in Kind:
        await legal.save_draft(
            municipality_id, kind, f"## {kind.value}\n\nText der Seite.", user_id=user_id, audit=_no_audit
        )
        await legal.publish(municipality_id, kind, user_id=user_id, audit=_no_audit)


@pytest.fixture
def published(taunusstein):
    admin = run(person("admin@taunusstein.example", roles=(Role.ADMIN,), municipality=taunusstein))
    run(_publish_all(taunusstein.id, admin))
    return taunusstein


@pytest.mark.parametrize("start", ["#/", "#/m/taunusstein/reports", "#/register"])
def test_the_footer_of_every_page_leads_to_the_legal_pages(page, live_server, published, start):
    for link, title in TITLES.items():
        open_app(page, live_server, start)
        page.locator("footer").get_by_role("link", name=link, exact=True).click()
        wait_for_view(page, "/m/:slug/legal/:kind")
        assert page.get_by_role("heading", level=1).inner_text() == title
        assert "Text der Seite." in page.locator("main").inner_text()


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["390", "1280"])
def test_the_legal_pages_are_accessible(new_page, live_server, published, size):
    page = new_page(size)
    for kind in ["impressum", "datenschutz", "barrierefreiheit", "nutzungsbedingungen"]:
        open_app(page, live_server, f"#/m/taunusstein/legal/{kind}", "/m/:slug/legal/:kind")
        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
        assert_accessible(page)


def test_an_unpublished_page_says_so(page, live_server, taunusstein):
    open_app(page, live_server, "#/m/taunusstein/legal/impressum", "/m/:slug/legal/:kind")
    assert "noch nicht veröffentlicht" in page.locator("main").inner_text()
    assert_accessible(page)


def test_a_barrier_reported_in_the_form_reaches_the_town_by_mail(page, live_server, mailbox, published):
    open_app(page, live_server, "#/m/taunusstein/legal/barrierefreiheit", "/m/:slug/legal/:kind")
    form = page.get_by_role("form", name="Barriere melden")
    assert form.get_by_role("link", name="Datenschutzerklärung").is_visible()  # beside the e-mail field
    form.get_by_label("Was ist Ihnen aufgefallen?").fill("kurz")
    form.get_by_role("button", name="Rückmeldung senden").click()
    form.get_by_role("alert").get_by_text("Mindestens 10 Zeichen").wait_for()
    form.get_by_label("Was ist Ihnen aufgefallen?").fill("Der Kontrast der Buttons ist zu schwach.")
    form.get_by_label("E-Mail-Adresse für eine Antwort").fill("lena@example.org")
    form.get_by_role("button", name="Rückmeldung senden").click()
    page.get_by_text("Ihre Rückmeldung ist an die Verwaltung unterwegs").wait_for()
    mail = mailbox.wait_for_sync(CONTACT, "Barrierefreiheit")
    assert "Der Kontrast der Buttons ist zu schwach." in mail.get_content()
    assert_accessible(page)


def test_registration_needs_the_terms_checkbox_and_records_the_version(new_page, live_server, mailbox, published):
    page = new_page(PHONE)
    open_app(page, live_server, "#/register", "/register")
    page.get_by_label("E-Mail-Adresse").fill("lena@example.org")
    page.get_by_label("Passwort").fill("ein langes Passwort")
    page.get_by_role("button", name="Konto anlegen").click()
    terms = page.locator('.field[data-field="accept_terms"]')
    terms.locator(".field-error").get_by_text("Bitte akzeptieren Sie die Nutzungsbedingungen").wait_for()
    assert page.get_by_label("Ich akzeptiere die Nutzungsbedingungen").get_attribute("aria-invalid") == "true"
    assert page.url.endswith("#/register")
    assert_accessible(page)
    assert terms.get_by_role("link", name="Nutzungsbedingungen und Netiquette").get_attribute("href") == (
        "#/m/taunusstein/legal/nutzungsbedingungen"
    )

    page.get_by_label("Ich akzeptiere die Nutzungsbedingungen").check()
    page.get_by_role("button", name="Konto anlegen").click()
    wait_for_view(page, "/check-mail")
    rows = run(TermsAcceptance.select(TermsAcceptance.version, TermsAcceptance.municipality).run())
    assert rows == [{"version": 1, "municipality": published.id}]


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["390", "1280"])
def test_an_admin_fills_a_page_from_the_template_and_publishes_it(new_page, live_server, taunusstein, size):
    run(person("admin@taunusstein.example", roles=(Role.ADMIN,), municipality=taunusstein))
    page = new_page(size)
    login(page, live_server, "admin@taunusstein.example")
    open_app(page, live_server, "#/m/taunusstein/admin/legal", "/m/:slug/admin/legal")
    assert page.get_by_role("heading", level=1).inner_text() == "Rechtliche Seiten"
    assert_accessible(page)
    section = page.locator('section[data-kind="impressum"]')
    assert section.locator(".legal-state").inner_text() == "Noch kein Text."
    section.get_by_role("button", name="Deutsche Vorlage einsetzen").click()
    text = section.get_by_label("Text (Markdown)")
    page.wait_for_function("() => document.querySelector('section[data-kind=impressum] textarea').value.length > 100")
    assert "§ 5 Digitale-Dienste-Gesetz" in text.input_value()
    section.get_by_role("button", name="Veröffentlichen").click()
    section.get_by_text("Die Seite ist veröffentlicht.").wait_for()
    assert "Fassung 1" in section.locator(".legal-state").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    assert_accessible(page)
    section.get_by_role("link", name="Öffentliche Seite ansehen").click()
    wait_for_view(page, "/m/:slug/legal/:kind")
    assert "Körperschaft des öffentlichen Rechts" in page.locator("main").inner_text()


def test_the_back_office_section_refuses_people_without_the_admin_role(page, live_server, taunusstein):
    run(person("mod@taunusstein.example", roles=(Role.MODERATOR,), municipality=taunusstein))
    login(page, live_server, "mod@taunusstein.example")
    open_app(page, live_server, "#/m/taunusstein/admin/legal", "/m/:slug/admin/legal")
    assert page.get_by_role("alert").is_visible()
    assert page.locator("textarea").count() == 0
