"""Keyboard only: the skip link and the login form. The language switch: English and back."""

from tests.e2e.conftest import open_app, run, wait_for_view
from tests.factories import PASSWORD, person


def test_the_skip_link_is_the_first_tab_stop_and_jumps_to_the_content(page, live_server, taunusstein):
    open_app(page, live_server, "#/", "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("({text: document.activeElement.textContent, id: document.activeElement.id})")
    assert focused == {"text": "Zum Inhalt springen", "id": "skip-link"}
    assert page.locator("#skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert page.url.endswith("#/")  # the skip link is not taken for a route
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)")


def test_the_login_form_can_be_filled_and_sent_with_the_keyboard_only(page, live_server, taunusstein):
    run(person("anna@example.org", name="Anna"))
    open_app(page, live_server, "#/", "/")
    # Tab through the header until the login link has focus, then follow it with Enter.
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Anmelden":
            break
    else:
        raise AssertionError("the login link cannot be reached with Tab")
    page.keyboard.press("Enter")
    wait_for_view(page, "/login")
    assert page.evaluate("document.activeElement.tagName") == "H1"  # focus moved to the new page's heading
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "email"
    page.keyboard.type("anna@example.org")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    wait_for_view(page, "/account")
    assert page.get_by_role("heading", level=1).inner_text() == "Mein Konto"
    assert page.evaluate("document.activeElement.tagName") == "H1"


def test_the_language_switch_changes_the_page_to_english_and_back(page, live_server, taunusstein):
    open_app(page, live_server, "#/", "/")
    assert page.evaluate("document.documentElement.lang") == "de"
    page.get_by_role("button", name="Switch to English").click()
    page.get_by_role("heading", name="Welcome to Taunusstein").wait_for()
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.title() == "Welcome to Taunusstein – stadtstimme"
    assert page.get_by_role("navigation").get_by_role("link", name="Log in").is_visible()
    assert page.get_by_role("region", name="Districts as a list").is_visible()
    assert page.evaluate("document.activeElement.id") == "lang-switch"  # focus stays on the switch

    page.reload()  # the choice is remembered
    wait_for_view(page, "/")
    assert page.get_by_role("heading", level=1).inner_text() == "Welcome to Taunusstein"

    page.get_by_role("button", name="Auf Deutsch umschalten").click()
    page.get_by_role("heading", name="Willkommen in Taunusstein").wait_for()
    assert page.evaluate("document.documentElement.lang") == "de"
    assert page.get_by_role("navigation").get_by_role("link", name="Anmelden").is_visible()
