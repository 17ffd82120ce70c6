"""On the account page: "Überall abmelden" ends the login on every device, and a changed password ends the
logins on the other devices while this one goes on. Password rules are explained, refusals shown at the field."""

from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, login, run, wait_for_view
from tests.factories import PASSWORD, person


def test_logging_out_everywhere_ends_the_login_on_the_other_device(new_page, live_server, taunusstein):
    run(person("lena@example.org", name="Lena"))
    laptop, phone = new_page(DESKTOP), new_page(PHONE)
    login(laptop, live_server, "lena@example.org")
    login(phone, live_server, "lena@example.org")

    assert_accessible(laptop)
    laptop.get_by_role("button", name="Überall abmelden").click()
    wait_for_view(laptop, "/")
    assert laptop.get_by_role("navigation").get_by_role("link", name="Anmelden").is_visible()

    phone.reload()
    wait_for_view(phone, "/login")  # the phone is logged out as well
    assert phone.get_by_role("heading", level=1).inner_text() == "Anmelden"


def test_changing_the_password_ends_the_login_on_the_other_device(new_page, live_server, taunusstein):
    run(person("lena@example.org", name="Lena"))
    laptop, phone = new_page(DESKTOP), new_page(PHONE)
    login(laptop, live_server, "lena@example.org")
    login(phone, live_server, "lena@example.org")

    section = laptop.get_by_role("form", name="Passwort ändern")
    assert "kein bekanntes Passwort" in section.inner_text()  # the rules are explained up front
    section.get_by_label("Bisheriges Passwort").fill(PASSWORD)
    section.get_by_label("Neues Passwort").fill("passwort123")
    section.get_by_role("button", name="Passwort ändern").click()
    error = section.locator('.field[data-field="new_password"] .field-error')
    error.get_by_text("Dieses Passwort ist zu bekannt").wait_for()
    assert section.get_by_label("Neues Passwort").get_attribute("aria-invalid") == "true"
    assert_accessible(laptop)

    section.get_by_label("Bisheriges Passwort").fill(PASSWORD)
    section.get_by_label("Neues Passwort").fill("mein ganz neues Passwort")
    section.get_by_role("button", name="Passwort ändern").click()
    laptop.get_by_text("Auf allen anderen Geräten sind Sie jetzt abgemeldet").wait_for()
    assert_accessible(laptop)

    phone.reload()
    wait_for_view(phone, "/login")
    laptop.reload()
    wait_for_view(laptop, "/account")  # this device stays logged in
    assert laptop.get_by_test_id("account-email").inner_text() == "lena@example.org"
