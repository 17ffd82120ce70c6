"""A refused form names the problem in German right next to the field, and says it again in a summary."""

from tests.e2e.conftest import PHONE, assert_accessible, open_app, run
from tests.factories import person


def field_error_of(page, label: str) -> str:
    """The text the input's aria-describedby points to (hint and error), as a screen reader reads it."""
    return page.get_by_label(label).evaluate(
        "el => (el.getAttribute('aria-describedby') || '').split(' ').filter(Boolean)"
        ".map(id => document.getElementById(id).textContent).join(' ')"
    )


def test_a_short_password_is_refused_next_to_the_password_field(new_page, live_server, mailbox, taunusstein):
    page = new_page(PHONE)
    open_app(page, live_server, "#/register", "/register")
    page.get_by_label("E-Mail-Adresse").fill("kurz@example.org")
    page.get_by_label("Passwort").fill("kurz")
    page.get_by_label("Ich akzeptiere die Nutzungsbedingungen").check()
    page.get_by_role("button", name="Konto anlegen").click()

    password_field = page.locator(".field", has=page.get_by_label("Passwort"))
    message = password_field.locator(".field-error")
    message.wait_for()
    assert message.inner_text() == "Bitte mindestens 10 Zeichen eingeben."  # checked before anything is sent
    assert "Bitte mindestens 10 Zeichen eingeben." in field_error_of(page, "Passwort")
    assert page.get_by_label("Passwort").get_attribute("aria-invalid") == "true"
    assert page.get_by_label("E-Mail-Adresse").get_attribute("aria-invalid") is None
    summary = page.get_by_role("alert")
    assert "Passwort: Bitte mindestens 10 Zeichen eingeben." in summary.inner_text()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert page.url.endswith("#/register")  # nothing was created, the person stays on the form
    assert_accessible(page)


def test_a_wrong_login_is_refused_next_to_the_password_field(page, live_server, taunusstein):
    run(person("anna@example.org"))
    open_app(page, live_server, "#/login", "/login")
    page.get_by_label("E-Mail-Adresse").fill("anna@example.org")
    page.get_by_label("Passwort").fill("falsch-falsch")
    page.get_by_role("button", name="Anmelden").click()
    message = page.locator(".field", has=page.get_by_label("Passwort")).locator(".field-error")
    message.wait_for()
    assert message.inner_text() == "E-Mail-Adresse oder Passwort stimmen nicht."
    assert "E-Mail-Adresse oder Passwort stimmen nicht." in field_error_of(page, "Passwort")
    assert page.get_by_role("navigation").get_by_role("link", name="Anmelden").is_visible()
    assert_accessible(page)


def test_an_unconfirmed_address_is_told_to_confirm_first_next_to_the_email_field(page, live_server, taunusstein):
    run(person("new@example.org", verified=False))
    open_app(page, live_server, "#/login", "/login")
    page.get_by_label("E-Mail-Adresse").fill("new@example.org")
    page.get_by_label("Passwort").fill("correct horse battery staple")
    page.get_by_role("button", name="Anmelden").click()
    message = page.locator(".field", has=page.get_by_label("E-Mail-Adresse")).locator(".field-error")
    message.wait_for()
    assert "Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse" in message.inner_text()


def test_in_english_the_same_refusal_is_in_english(page, live_server, taunusstein):
    open_app(page, live_server, "#/login", "/login")
    page.get_by_role("button", name="English").click()
    page.get_by_role("heading", name="Log in").wait_for()
    page.get_by_label("E-mail address").fill("nobody@example.org")
    page.get_by_label("Password").fill("falsch-falsch")
    page.get_by_role("button", name="Log in").click()
    message = page.locator(".field", has=page.get_by_label("Password")).locator(".field-error")
    message.wait_for()
    assert message.inner_text() == "E-mail address or password is wrong."
