"""An invitation is written in the language the admin chose for the invitee (German unless told otherwise), its
link opens the page in that language, and the new account keeps it for every later mail."""

from __future__ import annotations

import pytest
from piccolo.apps.user.tables import BaseUser

from backend.accounts.tables import Profile
from tests.backend.accounts.people_support import ROLE_EMAILS, cast
from tests.factories import logged_in
from tests.support.mailbox import body_of, first_link


@pytest.fixture
async def people(taunusstein):
    return await cast(taunusstein)


def invitations(people) -> str:
    return f"/api/v1/municipalities/{people.town.slug}/invitations"


async def test_an_invitation_in_english_is_written_in_english_and_its_link_opens_english(client, people, mailbox):
    await logged_in(client, ROLE_EMAILS["admin"])
    invite = {"email": "eve@example.org", "name": "Eve", "role": "council", "locale": "en"}
    assert (await client.post(invitations(people), json=invite)).status_code == 202
    mail = await mailbox.wait_for("eve@example.org", "Invitation to stadtstimme")
    text = body_of(mail)
    assert text.startswith("Hello Eve,") and "Your role: Council" in text and "Einladung" not in text
    assert first_link(mail).endswith("?lang=en")
    user = await BaseUser.select(BaseUser.id).where(BaseUser.email == "eve@example.org").first()
    profile = await Profile.select(Profile.locale).where(Profile.user == user["id"]).first()
    assert profile["locale"] == "en"  # later mails follow the same language


async def test_without_a_choice_the_invitation_is_german(client, people, mailbox):
    await logged_in(client, ROLE_EMAILS["admin"])
    invite = {"email": "gerd@example.org", "name": "Gerd", "role": "council"}
    assert (await client.post(invitations(people), json=invite)).status_code == 202
    mail = await mailbox.wait_for("gerd@example.org", "Einladung")
    assert body_of(mail).startswith("Hallo Gerd") and "?lang=" not in first_link(mail)


async def test_an_unknown_language_is_refused_naming_the_field(client, people):
    await logged_in(client, ROLE_EMAILS["admin"])
    invite = {"email": "fr@example.org", "name": "Fr", "role": "council", "locale": "fr"}
    response = await client.post(invitations(people), json=invite)
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "locale"
