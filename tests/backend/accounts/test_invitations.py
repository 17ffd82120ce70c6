"""An admin invites a colleague by e-mail; the mailed one-time link sets the password and logs them in."""

from __future__ import annotations

from datetime import timedelta

import pytest

from backend.accounts.tables import AccountToken
from geo import clock
from geo.roles import Role
from geo.tables import Membership
from moderation.tables import AuditEntry
from tests.backend.accounts.people_support import ROLE_EMAILS, cast
from tests.factories import PASSWORD, logged_in, person
from tests.support.client import api_client
from tests.support.mailbox import body_of, first_link

NEW_PASSWORD = "Rathaus am Platz 12"


@pytest.fixture
async def people(taunusstein):
    return await cast(taunusstein)


def invitations(people) -> str:
    return f"/api/v1/municipalities/{people.town.slug}/invitations"


def token_from(link: str) -> str:
    return link.rstrip("/").rsplit("/", 1)[-1]


async def test_an_invited_colleague_sets_a_password_and_is_logged_in_as_staff(client, settings, people, mailbox):
    await logged_in(client, ROLE_EMAILS["admin"])
    response = await client.post(
        invitations(people),
        json={
            "email": "Neu@Taunusstein.example",
            "name": "Nora Neu",
            "role": "staff",
            "department_id": people.department.id,
        },
    )
    assert response.status_code == 202 and response.json()["created"] is True
    mail = await mailbox.wait_for("neu@taunusstein.example", "Einladung")
    assert "Bauhof" in body_of(mail) and "Taunusstein" in body_of(mail)
    link = first_link(mail)
    assert link.startswith("http://stadtstimme.test/#/invite/")

    async with api_client(settings) as newcomer:
        # Before accepting, the account cannot log in with any password.
        refused = await newcomer.post(
            "/api/v1/auth/login", json={"email": "neu@taunusstein.example", "password": PASSWORD}
        )
        assert refused.status_code == 403
        weak = await newcomer.post("/api/v1/auth/invitation", json={"token": token_from(link), "password": "kurz"})
        assert weak.status_code == 422 and weak.json()["errors"][0]["field"] == "password"
        accepted = await newcomer.post(
            "/api/v1/auth/invitation", json={"token": token_from(link), "password": NEW_PASSWORD}
        )
        assert accepted.status_code == 200, accepted.text
        me = (await newcomer.get("/api/v1/me")).json()
        assert me["verified"] and {"municipality": people.town.slug, "role": "staff"} in me["memberships"]
        queue = await newcomer.get(f"/api/v1/municipalities/{people.town.slug}/defect-queue")
        assert queue.status_code == 200  # the role works at once
        again = await newcomer.post(
            "/api/v1/auth/invitation", json={"token": token_from(link), "password": NEW_PASSWORD}
        )
        assert again.status_code == 422 and again.json()["errors"][0]["field"] == "token"  # single use

    entry = await AuditEntry.select().where(AuditEntry.action == "person_invited").first()
    assert entry["actor"] == people.ids["admin"]


async def test_an_invitation_link_expires_after_seven_days(client, people, mailbox):
    await logged_in(client, ROLE_EMAILS["admin"])
    await client.post(invitations(people), json={"email": "spaet@example.org", "name": "Spät", "role": "council"})
    link = first_link(await mailbox.wait_for("spaet@example.org", "Einladung"))
    await AccountToken.update({AccountToken.expires_at: clock.now() - timedelta(minutes=1)}).where(
        AccountToken.purpose == "invite"
    )
    expired = await client.post("/api/v1/auth/invitation", json={"token": token_from(link), "password": NEW_PASSWORD})
    assert expired.status_code == 422 and expired.json()["errors"][0]["field"] == "token"


async def test_an_existing_account_simply_gets_the_role_and_a_notice(client, people, mailbox):
    known = await person("bekannt@example.org", name="Bekannt")
    await logged_in(client, ROLE_EMAILS["admin"])
    response = await client.post(
        invitations(people), json={"email": "bekannt@example.org", "name": "X", "role": "moderator"}
    )
    assert response.status_code == 202 and response.json()["created"] is False
    notice = await mailbox.wait_for("bekannt@example.org", "Neue Rolle")
    assert "/#/invite/" not in body_of(notice) and "Moderation" in body_of(notice)
    assert await Membership.exists().where(
        (Membership.user == known) & (Membership.municipality == people.town.id) & (Membership.role == Role.MODERATOR)
    )
    await logged_in(client, "bekannt@example.org")  # the password stayed


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"email": "kein-at", "name": "N", "role": "council"}, "email"),
        ({"email": "a@example.org", "name": "", "role": "council"}, "name"),
        ({"email": "a@example.org", "name": "N", "role": "king"}, "role"),
        ({"email": "a@example.org", "name": "N", "role": "resident"}, "role"),
        ({"email": "a@example.org", "name": "N", "role": "staff"}, "department_id"),
    ],
)
async def test_bad_invitations_name_the_field_and_change_nothing(client, people, body, field):
    await logged_in(client, ROLE_EMAILS["admin"])
    before = await Membership.count()
    response = await client.post(invitations(people), json=body)
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == field
    assert await Membership.count() == before
    assert await AuditEntry.count() == 0


async def test_a_department_of_another_town_is_refused(client, people):
    from geo.services import create_department

    theirs = await create_department(people.other.id, "Tiefbau", "tiefbau@wiesbaden.example")
    await logged_in(client, ROLE_EMAILS["admin"])
    response = await client.post(
        invitations(people), json={"email": "a@example.org", "name": "N", "role": "staff", "department_id": theirs.id}
    )
    assert response.status_code == 404 and response.json()["errors"][0]["field"] == "department_id"
    assert await AuditEntry.count() == 0 and not await Membership.exists().where(Membership.department == theirs.id)
