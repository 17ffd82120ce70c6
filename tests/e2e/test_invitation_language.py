"""In the browser: an admin invites a colleague in English; the mail is English and its link opens the page in
English."""

from __future__ import annotations

import pytest

from geo.roles import Role
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, login, open_app, run, wait_for_view
from tests.factories import person
from tests.support.mailbox import body_of, first_link

ADMIN = "admin@taunusstein.example"


@pytest.mark.browser
def test_an_invitation_in_english_opens_the_invite_page_in_english(new_page, live_server, mailbox, taunusstein):
    run(person(ADMIN, roles=(Role.ADMIN,), municipality=taunusstein, name="Stadtverwaltung"))
    admin = new_page(DESKTOP)
    login(admin, live_server, ADMIN)
    open_app(admin, live_server, "#/m/taunusstein/admin/people", "/m/:slug/admin/people")
    form = admin.locator("form[aria-label='Person einladen']")
    form.get_by_label("E-Mail-Adresse").fill("eve@example.org")
    form.get_by_label("Name").fill("Eve Example")
    form.get_by_label("Rolle").select_option("moderator")
    assert form.get_by_label("Sprache der Einladung").input_value() == "de"  # German unless chosen
    form.get_by_label("Sprache der Einladung").select_option(label="English")
    form.get_by_role("button", name="Einladung senden").click()
    admin.get_by_text("Die Einladung ist verschickt").wait_for()

    mail = mailbox.wait_for_sync("eve@example.org", "Invitation to stadtstimme")
    assert "Your role: Moderation" in body_of(mail)
    invitee = new_page(PHONE)
    invitee.goto(first_link(mail))
    wait_for_view(invitee, "/invite/:token")
    invitee.get_by_role("heading", name="Accept the invitation").wait_for()
    assert invitee.evaluate("document.documentElement.lang") == "en"
    assert_accessible(invitee)
