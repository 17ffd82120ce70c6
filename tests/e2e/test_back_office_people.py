"""The back office in the browser: an admin invites a colleague, who sets a password from the mailed link and
lands logged in; the admin takes a role away, issues and revokes an Open311 key, keeps a reply template; staff
insert it into a status change. axe at phone and desktop width on every new page; keyboard only where it counts."""

from __future__ import annotations

import pytest

from defects.tables import ReplyTemplate
from geo.roles import Role
from geo.services import create_department
from tests.defects.factories import staff_of, stored_report, town_with_categories
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, login, open_app, run, wait_for_view
from tests.factories import INSIDE, person
from tests.support.mailbox import first_link

ADMIN = "admin@taunusstein.example"
NEW_PASSWORD = "Rathaus am Platz 12"
PAGES = ["people", "open311", "mail"]


COUNCIL = "„Mitglied der Vertretung (Stadtverordnetenversammlung)“"  # the role, named from the profile


@pytest.fixture
def town(taunusstein):
    department = run(create_department(taunusstein.id, "Bauhof", "bauhof@taunusstein.example"))
    run(person(ADMIN, roles=(Role.ADMIN,), municipality=taunusstein, name="Stadtverwaltung"))
    run(person("rat@taunusstein.example", roles=(Role.COUNCIL,), municipality=taunusstein, name="Rita Rat"))
    return taunusstein, department


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_every_back_office_page_of_this_part_is_accessible(new_page, live_server, town, size):
    page = new_page(PHONE if size == "phone" else DESKTOP)
    login(page, live_server, ADMIN)
    for section in PAGES:
        open_app(page, live_server, f"#/m/taunusstein/admin/{section}", f"/m/:slug/admin/{section}")
        assert page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        assert_accessible(page)
    open_app(page, live_server, "#/invite/not-a-real-token-123", "/invite/:token")
    assert_accessible(page)


def test_an_admin_invites_staff_who_sets_a_password_and_is_logged_in(new_page, live_server, mailbox, town):
    admin = new_page(DESKTOP)
    login(admin, live_server, ADMIN)
    open_app(admin, live_server, "#/m/taunusstein/admin/people", "/m/:slug/admin/people")
    form = admin.locator("form[aria-label='Person einladen']")
    form.get_by_label("E-Mail-Adresse").fill("nora@taunusstein.example")
    form.get_by_label("Name").fill("Nora Neu")
    form.get_by_label("Rolle").select_option("staff")
    form.get_by_role("button", name="Einladung senden").click()
    # Staff without a department: the field is named, nothing was sent.
    admin.get_by_text("Bitte wählen Sie den Fachbereich.").first.wait_for()
    assert form.get_by_label("Fachbereich").get_attribute("aria-invalid") == "true"
    form.get_by_label("Fachbereich").select_option(label="Bauhof")
    form.get_by_role("button", name="Einladung senden").click()
    admin.get_by_text("Die Einladung ist verschickt").wait_for()
    admin.locator("li.person-card[data-email='nora@taunusstein.example']").get_by_text(
        "Eingeladen, hat die Einladung noch nicht angenommen"
    ).wait_for()

    link = first_link(mailbox.wait_for_sync("nora@taunusstein.example", "Einladung"))
    assert link.startswith(f"{live_server.url}/#/invite/")
    staff = new_page(PHONE)
    staff.goto(link)
    wait_for_view(staff, "/invite/:token")
    assert_accessible(staff)
    staff.get_by_label("Ihr neues Passwort").fill("kurz")
    staff.get_by_role("button", name="Passwort festlegen und anmelden").click()
    staff.get_by_text("mindestens 10 Zeichen").first.wait_for()
    staff.get_by_label("Ihr neues Passwort").fill(NEW_PASSWORD)
    staff.get_by_label("Ihr neues Passwort").press("Enter")  # the keyboard is enough
    staff.get_by_text("Ihr Passwort ist festgelegt und Sie sind angemeldet").wait_for()
    assert staff.get_by_role("link", name="Angemeldet als Nora Neu").is_visible()
    assert_accessible(staff)
    staff.get_by_role("link", name="Weiter zu Taunusstein").click()
    wait_for_view(staff, "/m/:slug")
    assert staff.get_by_role("link", name="Meldungen bearbeiten").first.is_visible()

    # The link works once.
    again = new_page(DESKTOP)
    again.goto(link)
    wait_for_view(again, "/invite/:token")
    again.get_by_label("Ihr neues Passwort").fill(NEW_PASSWORD)
    again.get_by_role("button", name="Passwort festlegen und anmelden").click()
    again.get_by_text("Dieser Link ist ungültig oder abgelaufen").first.wait_for()


def test_an_admin_takes_a_role_away_with_a_second_step_by_keyboard(page, live_server, town):
    login(page, live_server, ADMIN)
    open_app(page, live_server, "#/m/taunusstein/admin/people", "/m/:slug/admin/people")
    card = page.locator("li.person-card[data-email='rat@taunusstein.example']")
    trigger = card.get_by_role("button", name=f"Rolle {COUNCIL} entziehen")
    trigger.focus()
    page.keyboard.press("Enter")
    assert card.get_by_text(f"Rolle {COUNCIL} von Rita Rat wirklich entziehen?").is_visible()
    # Cancel brings focus back; nothing changed.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.textContent") == f"Rolle {COUNCIL} entziehen"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.textContent") == "Ja, Rolle entziehen"
    assert_accessible(page)
    page.keyboard.press("Enter")
    page.get_by_text(f"Die Rolle {COUNCIL} von Rita Rat ist entzogen.").wait_for()
    # Without a role here she no longer belongs to the list.
    page.locator("li.person-card[data-email='rat@taunusstein.example']").wait_for(state="detached")

    # The last admin's role is refused with a clear message.
    own = page.locator(f"li.person-card[data-email='{ADMIN}']")
    own.get_by_role("button", name="Rolle „Verwaltung (Admin)“ entziehen").click()
    own.get_by_role("button", name="Ja, Rolle entziehen").click()
    own.get_by_text("letzte Person mit Verwaltungsrechten").wait_for()


def test_an_admin_issues_a_key_sees_it_once_and_revokes_it(page, live_server, town):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    login(page, live_server, ADMIN)
    open_app(page, live_server, "#/m/taunusstein/admin/open311", "/m/:slug/admin/open311")
    page.get_by_label("Wofür ist der Schlüssel? (App oder Partner)").fill("Stadt-App")
    page.get_by_role("button", name="Schlüssel ausgeben").click()
    page.get_by_text("Er wird nur dieses eine Mal angezeigt").wait_for()
    key = page.get_by_label("Schlüssel", exact=True).input_value()
    assert len(key) > 20
    page.get_by_role("button", name="Schlüssel kopieren").click()
    page.get_by_text("Der Schlüssel ist in der Zwischenablage.").wait_for()
    assert page.evaluate("() => navigator.clipboard.readText()") == key
    assert_accessible(page)

    card = page.locator("li.key-card[data-label='Stadt-App']")
    assert "noch nie" in card.inner_text()
    card.get_by_role("button", name="Als vertrauenswürdig markieren: Stadt-App").click()
    page.get_by_text("Gespeichert.").wait_for()
    card = page.locator("li.key-card[data-label='Stadt-App']")
    assert "vertrauenswürdiger Partner" in card.inner_text()
    card.get_by_role("button", name="Widerrufen: Stadt-App").click()
    card.get_by_role("button", name="Ja, widerrufen").click()
    page.get_by_text("Der Schlüssel „Stadt-App“ ist widerrufen.").wait_for()
    assert "widerrufen am" in page.locator("li.key-card[data-label='Stadt-App']").inner_text()

    page.reload()
    wait_for_view(page, "/m/:slug/admin/open311")
    assert key not in page.locator("main").inner_text()  # shown once only


def test_staff_insert_a_reply_template_the_admin_keeps(new_page, live_server, taunusstein):
    async def prepare():
        town = await town_with_categories(taunusstein)
        await staff_of(town)
        await person(ADMIN, roles=(Role.ADMIN,), municipality=taunusstein, name="Stadtverwaltung")
        await ReplyTemplate(municipality=taunusstein.id, name="Erledigt", text="Danke, erledigt.").save()
        return await stored_report(town, INSIDE["lat"], INSIDE["lon"])

    report_id = run(prepare())
    admin = new_page(DESKTOP)
    login(admin, live_server, ADMIN)
    open_app(admin, live_server, "#/m/taunusstein/admin/mail", "/m/:slug/admin/mail")
    admin.get_by_label("Name der Vorlage").fill("Laub")
    admin.locator("form textarea[name=text]").last.fill("Wir kehren das Laub diese Woche.")
    admin.get_by_role("button", name="Vorlage speichern").click()
    admin.get_by_text("Die Vorlage „Laub“ ist gespeichert.").wait_for()
    assert [t.strip() for t in admin.locator(".template-card h3").all_inner_texts()] == ["Erledigt", "Laub"]
    assert_accessible(admin)

    staff = new_page(PHONE)
    login(staff, live_server, "tiefbau.staff@taunusstein.example")
    open_app(staff, live_server, f"#/m/taunusstein/reports/{report_id}", "/m/:slug/reports/:id")
    staff.get_by_label("Vorlage einfügen").select_option(label="Laub")
    note = staff.get_by_role("textbox", name="Öffentlicher Hinweis")
    assert note.input_value() == "Wir kehren das Laub diese Woche."
    assert staff.evaluate("() => document.activeElement.name") == "note"
    assert_accessible(staff)
