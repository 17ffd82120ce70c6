"""Official answers and mail to followers: at once or as a daily digest, with one-click unsubscribe."""

import re

from backend.links import SpaLinks, post_office
from backend.mail.outbox import Outbox
from contributions import notifications
from contributions.following import PROPOSAL, Target, is_following
from contributions.notifications import unsubscribe_token
from contributions.tables import PendingNotice
from geo.roles import Role
from proposals import services
from tests.factories import logged_in, person
from tests.proposals.factories import admin_of, consultation, proposal
from tests.support.mailbox import body_of
from tests.support.moderation import post_moderated

M = "/api/v1/municipalities/taunusstein"


async def setup(taunusstein):
    await post_moderated(taunusstein)
    cid = await consultation(taunusstein, await admin_of(taunusstein))
    anna = await person("anna@example.org", roles=(Role.RESIDENT,), municipality=taunusstein, name="Anna")
    return cid, anna


def link_after(text: str, label: str) -> str:
    match = re.search(label + r"\S*: (\S+)", text)
    assert match, text
    return match.group(1)


async def test_an_admin_answers_publishes_and_the_author_gets_a_mail_with_unsubscribe(client, taunusstein, mailbox):
    cid, anna = await setup(taunusstein)
    pid = await proposal(taunusstein, cid, anna, "Mehr Bäume pflanzen")
    await logged_in(client, "admin@taunusstein.example")
    saved = await client.put(f"{M}/proposals/{pid}/answer", json={"status": "accepted", "text": "Wir pflanzen 2027."})
    assert saved.status_code == 200 and saved.json()["answer_published"] is False
    assert (await client.get(f"{M}/proposals/{pid}")).json()["answer"] is None  # a draft is not public
    assert (await client.post(f"{M}/proposals/{pid}/answer/publish")).json()["count"] == 1
    public = (await client.get(f"{M}/proposals/{pid}")).json()
    assert public["answer"]["status"] == "accepted" and public["answer"]["text"] == "Wir pflanzen 2027."
    mail = await mailbox.wait_for("anna@example.org", "Bürgerbeteiligung")
    text = body_of(mail)
    assert "Mehr Bäume pflanzen" in text and "angenommen" in text and "/#/m/taunusstein/proposals/" in text
    token = link_after(text, "Keine E-Mails mehr hierzu").rsplit("/", 1)[-1]
    await client.post("/api/v1/auth/logout")
    assert (await client.post("/api/v1/unsubscribe", json={"token": token})).status_code == 200
    assert not await is_following(Target(PROPOSAL, pid), anna)


async def test_publish_all_publishes_every_saved_answer(client, taunusstein, mailbox):
    cid, anna = await setup(taunusstein)
    pids = [await proposal(taunusstein, cid, anna, f"Idee Nummer {i}") for i in range(3)]
    await logged_in(client, "admin@taunusstein.example")
    for pid in pids[:2]:
        await client.put(f"{M}/proposals/{pid}/answer", json={"status": "in_review", "text": "Wir prüfen."})
    assert (await client.post(f"{M}/consultations/{cid}/answers/publish")).json()["count"] == 2
    listed = (await client.get(f"{M}/consultations/{cid}/proposals", params={"answer_status": "in_review"})).json()
    assert listed["total"] == 2


async def test_only_admins_answer(client, taunusstein):
    cid, anna = await setup(taunusstein)
    pid = await proposal(taunusstein, cid, anna)
    body = {"status": "accepted", "text": "Ja"}
    assert (await client.put(f"{M}/proposals/{pid}/answer", json=body)).status_code == 401
    await logged_in(client, "anna@example.org")
    assert (await client.put(f"{M}/proposals/{pid}/answer", json=body)).status_code == 403
    assert (await client.post(f"{M}/consultations/{cid}/answers/publish")).status_code == 403
    assert (await client.get(f"{M}/consultations/{cid}/answers")).status_code == 403


async def test_a_reply_reaches_the_commenter_and_daily_readers_get_one_digest(client, taunusstein, mailbox, settings):
    cid, anna = await setup(taunusstein)
    pid = await proposal(taunusstein, cid, anna)
    await person("ben@example.org", roles=(Role.RESIDENT,), municipality=taunusstein, name="Ben")
    await logged_in(client, "anna@example.org")
    assert (await client.put("/api/v1/me/notifications", json={"mode": "daily"})).json()["mode"] == "daily"
    mine = (await client.post(f"{M}/proposals/{pid}/comments", json={"text": "Meine Meinung"})).json()
    await logged_in(client, "ben@example.org")
    await client.post(f"{M}/proposals/{pid}/comments", json={"text": "Antwort 1", "parent_id": mine["id"]})
    await client.post(f"{M}/proposals/{pid}/comments", json={"text": "Antwort 2", "parent_id": mine["id"]})
    assert await PendingNotice.count() == 2 and mailbox.to("anna@example.org") == []
    sent = await notifications.send_digests(post_office(settings, Outbox()))
    assert sent == 1
    digest = await mailbox.wait_for("anna@example.org", "Zusammenfassung")
    assert body_of(digest).count("geantwortet") == 2 and "/#/unsubscribe/" in body_of(digest)
    assert await notifications.send_digests(post_office(settings, Outbox())) == 0  # nothing twice


async def test_an_unsubscribe_token_for_everything_stops_all_mail_and_a_forged_one_is_refused(client, taunusstein):
    _, anna = await setup(taunusstein)
    good = unsubscribe_token("change-me-in-production-this-is-only-for-development", user_id=anna)
    forged = unsubscribe_token("another secret", user_id=anna)
    assert (await client.post("/api/v1/unsubscribe", json={"token": forged})).status_code == 422
    response = await client.post("/api/v1/unsubscribe", json={"token": good})
    assert response.status_code == 200, response.text
    assert await notifications.mode_of(anna) == "off"


async def test_followers_of_a_consultation_hear_when_a_phase_begins(client, taunusstein, mailbox, settings):
    from datetime import UTC, datetime, timedelta

    cid, _ = await setup(taunusstein)
    await logged_in(client, "anna@example.org")
    assert (await client.post(f"{M}/consultations/{cid}/follow")).json() == {"following": True}
    # Phases that began before the consultation was created are not announced.
    assert await services.announce_phases(post_office(settings, Outbox())) == 0
    later = datetime.now(UTC) + timedelta(days=15)  # the evaluation phase has begun by then
    assert await services.announce_phases(post_office(settings, Outbox()), now=later) == 1
    mail = await mailbox.wait_for("anna@example.org", "Bürgerbeteiligung")
    assert "Auswertung" in body_of(mail) and "begonnen" in body_of(mail)
    assert await services.announce_phases(post_office(settings, Outbox()), now=later) == 0


async def test_following_needs_login(client, taunusstein):
    cid, _ = await setup(taunusstein)
    assert (await client.post(f"{M}/consultations/{cid}/follow")).status_code == 401
    assert (await client.get("/api/v1/me/notifications")).status_code == 401


async def test_the_send_digests_command_queues_one_digest_per_reader(client, taunusstein):
    import asyncio
    import os
    import sys

    from backend.mail.tables import OutgoingMail
    from contributions.notifications import Notice, Post, tell

    _, anna = await setup(taunusstein)
    await notifications.set_mode(anna, "daily")
    for n in range(3):
        await tell(
            {anna},
            Notice(f"Neu {n}", f"New {n}", "http://x/#/"),
            municipality=taunusstein,
            post=Post(Outbox(), SpaLinks("http://x"), "s"),
        )
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "backend.cli", "send-digests", env={**os.environ}, stdout=asyncio.subprocess.PIPE
    )
    out, _ = await process.communicate()
    assert process.returncode == 0 and b"Queued 1 digest" in out
    mails = await OutgoingMail.select(OutgoingMail.subject, OutgoingMail.body).where(
        OutgoingMail.to_address == "anna@example.org"
    )
    assert len(mails) == 1 and all(f"Neu {n}" in mails[0]["body"] for n in range(3))
    assert await PendingNotice.count().where(PendingNotice.sent_at.is_null()) == 0
