"""The back office's mail section: each municipality's admins see the delivery of their own mails only, and
keep the reply templates their staff insert into status changes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from backend.mail.sender import MAX_ATTEMPTS
from backend.mail.tables import OutgoingMail
from defects.tables import ReplyTemplate
from geo import clock
from moderation.tables import AuditEntry
from tests.backend.accounts.people_support import EXPECTED_ADMIN_ONLY, ROLE_EMAILS, cast
from tests.factories import logged_in


@pytest.fixture
async def people(taunusstein):
    return await cast(taunusstein)


def url(people, *parts: str) -> str:
    return "/".join([f"/api/v1/municipalities/{people.town.slug}", *parts])


async def queued(people) -> None:
    # Not due yet, so the app's own sender leaves it queued while the test looks.
    await OutgoingMail(
        to_address="anna@example.org",
        subject="Ihre Meldung",
        body="geheim A",
        municipality=people.town.id,
        next_attempt_at=clock.now() + timedelta(hours=1),
    ).save()
    await OutgoingMail(
        to_address="bert@example.org",
        subject="Meldung weitergeleitet",
        body="geheim B",
        municipality=people.town.id,
        attempts=MAX_ATTEMPTS,
        last_error="550 mailbox unavailable",
    ).save()
    await OutgoingMail(
        to_address="anna@example.org", subject="Wiesbaden", body="geheim W", municipality=people.other.id
    ).save()
    await OutgoingMail(to_address="anna@example.org", subject="Neues Passwort", body="Link").save()  # platform


@pytest.mark.parametrize("who", sorted(EXPECTED_ADMIN_ONLY))
async def test_only_the_municipalitys_admins_read_its_outbox(client, people, who):
    await queued(people)
    if who != "anonymous":
        await logged_in(client, ROLE_EMAILS[who])
    response = await client.get(url(people, "mails"))
    assert response.status_code == EXPECTED_ADMIN_ONLY[who]
    assert "anna@example.org" not in response.text


async def test_an_admin_sees_the_delivery_of_the_towns_mails_and_nothing_else(client, people):
    await queued(people)
    await logged_in(client, ROLE_EMAILS["admin"])
    body = (await client.get(url(people, "mails"))).json()
    assert [(m["to_address"], m["state"]) for m in body["items"]] == [
        ("bert@example.org", "failed"),
        ("anna@example.org", "queued"),
    ]
    assert body["items"][0]["last_error"] == "550 mailbox unavailable"
    text = str(body)
    assert "geheim" not in text and "Wiesbaden" not in text and "Passwort" not in text
    found = (await client.get(url(people, "mails"), params={"recipient": "ANNA"})).json()["items"]
    assert [m["subject"] for m in found] == ["Ihre Meldung"]


async def test_mails_sent_for_a_town_are_counted_to_it(client, people, mailbox):
    await logged_in(client, ROLE_EMAILS["admin"])
    await client.post(url(people, "invitations"), json={"email": "neu@example.org", "name": "Neu", "role": "council"})
    await mailbox.wait_for("neu@example.org")
    rows = await OutgoingMail.select(OutgoingMail.municipality).where(OutgoingMail.to_address == "neu@example.org")
    assert rows == [{"municipality": people.town.id}]


@pytest.mark.parametrize(
    ("who", "read", "write"),
    [
        ("anonymous", 401, 401),
        ("resident", 403, 403),
        ("staff", 200, 403),
        ("moderator", 403, 403),
        ("council", 403, 403),
        ("admin", 200, 201),
        ("other_admin", 403, 403),
    ],
)
async def test_staff_read_the_reply_templates_and_admins_keep_them(client, people, who, read, write):
    await ReplyTemplate(municipality=people.town.id, name="Erledigt", text="Danke, erledigt.").save()
    if who != "anonymous":
        await logged_in(client, ROLE_EMAILS[who])
    listed = await client.get(url(people, "reply-templates"))
    assert listed.status_code == read
    if read == 200:
        assert [t["name"] for t in listed.json()] == ["Erledigt"]
    created = await client.post(url(people, "reply-templates"), json={"name": "Neu", "text": "Text"})
    assert created.status_code == write
    assert await ReplyTemplate.count() == (2 if write == 201 else 1)


async def test_an_admin_changes_and_removes_a_template_and_the_log_keeps_the_text(client, people):
    await logged_in(client, ROLE_EMAILS["admin"])
    made = (await client.post(url(people, "reply-templates"), json={"name": " Laub ", "text": "Wir kehren."})).json()
    assert made["name"] == "Laub"
    changed = await client.put(
        url(people, "reply-templates", str(made["id"])), json={"name": "Laub", "text": "Morgen."}
    )
    assert changed.status_code == 200 and changed.json()["text"] == "Morgen."
    assert (await client.delete(url(people, "reply-templates", str(made["id"])))).status_code == 204
    assert await ReplyTemplate.count() == 0
    actions = [r["action"] for r in await AuditEntry.select(AuditEntry.action).order_by(AuditEntry.id)]
    assert actions == ["reply_template_created", "reply_template_changed", "reply_template_deleted"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "", "text": "x"}, "name"),
        ({"name": "x", "text": ""}, "text"),
        ({"name": "x", "text": "y" * 2001}, "text"),
    ],
)
async def test_a_bad_template_names_the_field_and_changes_nothing(client, people, body, field):
    await logged_in(client, ROLE_EMAILS["admin"])
    response = await client.post(url(people, "reply-templates"), json=body)
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == field
    assert await ReplyTemplate.count() == 0 and await AuditEntry.count() == 0


async def test_a_template_of_another_town_cannot_be_changed(client, people):
    theirs = ReplyTemplate(municipality=people.other.id, name="W", text="Wiesbaden")
    await theirs.save()
    await logged_in(client, ROLE_EMAILS["admin"])
    response = await client.put(url(people, "reply-templates", str(theirs.id)), json={"name": "X", "text": "Y"})
    assert response.status_code == 404
    assert (await client.delete(url(people, "reply-templates", str(theirs.id)))).status_code == 404
    assert (await ReplyTemplate.select(ReplyTemplate.text).first())["text"] == "Wiesbaden"
