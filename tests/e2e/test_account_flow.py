"""Registering, confirming by mail, logging in and out — all in the browser, with real mail on loopback."""

from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, login, open_app, run, wait_for_view
from tests.factories import PASSWORD, person
from tests.support.mailbox import first_link


def test_a_person_registers_confirms_the_mail_logs_in_and_sees_the_account_page(
    new_page, live_server, mailbox, taunusstein
):
    page = new_page(PHONE)
    open_app(page, live_server, "#/", "/")
    page.get_by_role("link", name="Registrieren").click()
    wait_for_view(page, "/register")
    assert_accessible(page)
    page.get_by_label("E-Mail-Adresse").fill("lena@example.org")
    page.get_by_label("Passwort").fill("ein langes Passwort")
    page.get_by_label("Anzeigename (freiwillig)").fill("Lena aus Hahn")
    page.get_by_label("Ich akzeptiere die Nutzungsbedingungen").check()
    page.get_by_role("button", name="Konto anlegen").click()
    wait_for_view(page, "/check-mail")
    assert page.get_by_role("heading", level=1).inner_text() == "Bitte sehen Sie in Ihr Postfach"
    assert_accessible(page)

    mail = mailbox.wait_for_sync("lena@example.org", "bestätigen")
    link = first_link(mail)
    assert link.startswith(f"{live_server.url}/#/verify/")
    page.goto(link)
    page.get_by_text("Ihre E-Mail-Adresse ist bestätigt").wait_for()
    assert_accessible(page)

    page.get_by_role("link", name="Jetzt anmelden").click()
    wait_for_view(page, "/login")
    page.get_by_label("E-Mail-Adresse").fill("lena@example.org")
    page.get_by_label("Passwort").fill("ein langes Passwort")
    page.get_by_role("button", name="Anmelden").click()
    wait_for_view(page, "/account")

    assert page.get_by_role("heading", level=1).inner_text() == "Mein Konto"
    assert page.get_by_test_id("account-email").inner_text() == "lena@example.org"
    assert "Lena aus Hahn" in page.locator("main").inner_text()
    assert page.get_by_role("navigation").get_by_role("link", name="Angemeldet als Lena aus Hahn").is_visible()
    assert_accessible(page)


def test_a_confirmation_link_works_only_once(page, live_server, mailbox, taunusstein):
    open_app(page, live_server, "#/register", "/register")
    page.get_by_label("E-Mail-Adresse").fill("tom@example.org")
    page.get_by_label("Passwort").fill("ein langes Passwort")
    page.get_by_label("Ich akzeptiere die Nutzungsbedingungen").check()
    page.get_by_role("button", name="Konto anlegen").click()
    wait_for_view(page, "/check-mail")
    link = first_link(mailbox.wait_for_sync("tom@example.org", "bestätigen"))
    page.goto(link)
    page.get_by_text("Ihre E-Mail-Adresse ist bestätigt").wait_for()
    page.goto(f"{live_server.url}/#/")
    page.goto(link)
    wait_for_view(page, "/verify/:token")
    assert page.get_by_role("heading", level=1).inner_text() == "Das hat nicht geklappt"
    assert "Dieser Link ist ungültig oder abgelaufen" in page.locator("main").inner_text()
    assert_accessible(page)


def test_the_account_page_lists_roles_per_municipality_and_logout_ends_the_session(page, live_server, taunusstein):
    from geo.roles import Role

    run(person("mod@example.org", roles=(Role.MODERATOR,), municipality=taunusstein, name="Mo Derator"))
    login(page, live_server, "mod@example.org")
    assert page.get_by_role("list").filter(has_text="Moderation in Taunusstein").count() == 1
    assert_accessible(page)
    page.get_by_role("button", name="Abmelden", exact=True).click()
    wait_for_view(page, "/")
    nav = page.get_by_role("navigation")
    assert nav.get_by_role("link", name="Anmelden").is_visible()
    page.goto(f"{live_server.url}/#/account")
    wait_for_view(page, "/login")  # anonymous people are sent to the login first
    assert page.get_by_role("heading", level=1).inner_text() == "Anmelden"


def test_after_logging_in_from_a_protected_page_the_person_lands_there(page, live_server, taunusstein):
    run(person("anna@example.org"))
    open_app(page, live_server, "#/account", "/login")
    assert "next=%2Faccount" in page.url
    page.get_by_label("E-Mail-Adresse").fill("anna@example.org")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    wait_for_view(page, "/account")
    assert page.get_by_test_id("account-email").inner_text() == "anna@example.org"


def test_a_forgotten_password_is_reset_through_the_mailed_link_in_the_browser(
    new_page, live_server, mailbox, taunusstein
):
    run(person("anna@example.org"))
    page = new_page(DESKTOP)
    open_app(page, live_server, "#/login", "/login")
    page.get_by_role("link", name="Passwort vergessen?").click()
    wait_for_view(page, "/password-reset")
    assert_accessible(page)
    page.get_by_label("E-Mail-Adresse").fill("anna@example.org")
    page.get_by_role("button", name="Link anfordern").click()
    wait_for_view(page, "/check-mail")

    page.goto(first_link(mailbox.wait_for_sync("anna@example.org", "Neues Passwort")))
    wait_for_view(page, "/password-reset/:token")
    assert_accessible(page)
    page.get_by_label("Neues Passwort").fill("kurz")
    page.get_by_role("button", name="Passwort speichern").click()
    page.get_by_text("Bitte mindestens 10 Zeichen eingeben.").first.wait_for()  # checked before sending
    page.get_by_label("Neues Passwort").fill("mein ganz neues Passwort")
    page.get_by_role("button", name="Passwort speichern").click()
    page.get_by_text("Ihr neues Passwort gilt ab sofort.").wait_for()

    login(page, live_server, "anna@example.org", "mein ganz neues Passwort")
    assert page.get_by_test_id("account-email").inner_text() == "anna@example.org"


def test_a_display_name_with_markup_is_shown_as_plain_text(page, live_server, taunusstein):
    name = '<img src=x onerror="document.body.dataset.hacked=1">Eve'
    run(person("eve@example.org", name=name))
    login(page, live_server, "eve@example.org")
    assert page.get_by_role("navigation").get_by_role("link", name=f"Angemeldet als {name}").is_visible()
    assert name in page.locator("main").inner_text()
    assert page.locator("main img, nav img").count() == 0
    assert page.evaluate("document.body.dataset.hacked") is None


def test_an_expired_reset_link_says_so_and_offers_a_new_one(page, live_server, taunusstein):
    open_app(page, live_server, "#/password-reset/this-token-was-never-issued", "/password-reset/:token")
    page.get_by_label("Neues Passwort").fill("mein ganz neues Passwort")
    page.get_by_role("button", name="Passwort speichern").click()
    alert = page.get_by_role("alert")
    alert.get_by_text("Dieser Link ist ungültig oder abgelaufen").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Neuen Link anfordern").click()
    wait_for_view(page, "/password-reset")
