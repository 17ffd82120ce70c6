"""Every page of the shell passes axe-core (WCAG 2.1 AA) on a phone and on a desktop."""

import pytest

from tests.e2e.conftest import VIEWPORTS, assert_accessible, login, open_app, run
from tests.factories import person

PAGES = [
    ("#/", "/", "Willkommen in Taunusstein"),
    ("#/m/taunusstein", "/m/:slug", "Willkommen in Taunusstein"),
    ("#/login", "/login", "Anmelden"),
    ("#/register", "/register", "Konto anlegen"),
    ("#/check-mail", "/check-mail", "Bitte sehen Sie in Ihr Postfach"),
    ("#/verify/not-a-real-token-at-all", "/verify/:token", "Das hat nicht geklappt"),
    ("#/password-reset", "/password-reset", "Passwort vergessen"),
    ("#/password-reset/not-a-real-token-at-all", "/password-reset/:token", "Neues Passwort festlegen"),
    ("#/no/such/page", "*", "Seite nicht gefunden"),
    ("#/m/nowhere", "/m/:slug", "Seite nicht gefunden"),
]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_public_page_passes_axe(new_page, live_server, taunusstein, viewport):
    page = new_page(VIEWPORTS[viewport])
    for route, view, heading in PAGES:
        open_app(page, live_server, route, view)
        assert page.get_by_role("heading", level=1).inner_text() == heading, route
        assert page.title() == f"{heading} – stadtstimme"
        assert_accessible(page)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_account_page_passes_axe_in_both_languages(new_page, live_server, taunusstein, viewport):
    run(person("anna@example.org"))
    page = new_page(VIEWPORTS[viewport])
    login(page, live_server, "anna@example.org")
    assert_accessible(page)
    page.get_by_role("button", name="Switch to English").click()
    page.get_by_role("heading", name="My account").wait_for()
    assert_accessible(page)


def test_an_unknown_municipality_says_so_in_plain_words(page, live_server, taunusstein):
    open_app(page, live_server, "#/m/nowhere", "/m/:slug")
    assert page.get_by_role("heading", level=1).inner_text() == "Seite nicht gefunden"
    assert "Die Kommune „nowhere“ gibt es hier nicht." in page.get_by_role("alert").inner_text()
