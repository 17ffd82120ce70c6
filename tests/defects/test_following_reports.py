"""Following a report: status mails carry one-click unsubscribe links, and "off", unfollowing or a link stop them."""

import re

import pytest

from backend.links import post_office
from backend.mail.outbox import Outbox
from backend.mail.tables import OutgoingMail
from contributions import notifications
from contributions.tables import PendingNotice
from tests.defects.factories import confirmed_report, file, pothole, staff_of, town_with_categories
from tests.factories import logged_in, person
from tests.support.mailbox import body_of
from tests.support.moderation import post_moderated

SLUG = "taunusstein"
M = f"/api/v1/municipalities/{SLUG}"


@pytest.fixture
async def town(taunusstein):
    await post_moderated(taunusstein)
    town = await town_with_categories(taunusstein)
    await staff_of(town)
    return town


def link_after(text: str, label: str) -> str:
    match = re.search(re.escape(label) + r": (\S+)", text)
    assert match, text
    return match.group(1)


async def queued_for(address: str, subject: str) -> int:
    """Mails queued for an address (they are queued in the status change's own transaction)."""
    return await OutgoingMail.count().where(
        (OutgoingMail.to_address == address) & OutgoingMail.subject.like(f"%{subject}%")
    )


async def move(client, report_id: int, status: str) -> None:
    await logged_in(client, "tiefbau.staff@taunusstein.example")
    response = await client.post(f"{M}/reports/{report_id}/status", json={"status": status, "note": "Wir sind dran."})
    assert response.status_code == 200, response.text


async def witness(client, report_id: int) -> None:
    """Ben follows too: his mail shows that a status change was told, so silence for another person means something."""
    await person("ben@example.org", name="Ben")
    await logged_in(client, "ben@example.org")
    assert (await client.post(f"{M}/reports/{report_id}/follow")).json() == {"following": True}


async def anna_files(client) -> int:
    await person("anna@example.org", name="Anna")
    await logged_in(client, "anna@example.org")
    response = await file(client, SLUG, pothole(email=None))
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


async def test_the_unsubscribe_link_of_a_status_mail_stops_the_next_one(client, town, mailbox):
    report_id = await confirmed_report(client, SLUG, mailbox)  # an address without an account follows
    await witness(client, report_id)
    await move(client, report_id, "in_pruefung")
    text = body_of(await mailbox.wait_for("melder@example.org", "In Prüfung"))
    link = link_after(text, "Keine E-Mails mehr zu dieser Meldung")
    assert "/#/unsubscribe/" in link and link_after(text, "Gar keine E-Mails mehr") != link

    await client.post("/api/v1/auth/logout")
    done = await client.post("/api/v1/unsubscribe", json={"token": link.rsplit("/", 1)[-1]})
    assert done.status_code == 200 and "hierzu" in done.json()["detail_de"]
    await move(client, report_id, "in_bearbeitung")
    await mailbox.wait_for("ben@example.org", "In Bearbeitung")
    assert await queued_for("melder@example.org", "In Bearbeitung") == 0


async def test_no_more_mails_for_an_address_stops_every_report_it_follows(client, town, mailbox):
    first = await confirmed_report(client, SLUG, mailbox)
    second = await confirmed_report(client, SLUG, mailbox, description="Noch ein Loch, zwei Häuser weiter.")
    await witness(client, second)
    await move(client, first, "in_pruefung")
    text = body_of(await mailbox.wait_for("melder@example.org", "In Prüfung"))
    token = link_after(text, "Gar keine E-Mails mehr").rsplit("/", 1)[-1]
    assert (await client.post("/api/v1/unsubscribe", json={"token": token})).status_code == 200
    await move(client, second, "erledigt")
    await mailbox.wait_for("ben@example.org", "Erledigt")
    assert await queued_for("melder@example.org", "Erledigt") == 0


async def test_off_in_the_settings_stops_status_mails(client, town, mailbox):
    report_id = await anna_files(client)
    assert (await client.put("/api/v1/me/notifications", json={"mode": "off"})).json() == {"mode": "off"}
    await witness(client, report_id)
    await move(client, report_id, "in_bearbeitung")
    await mailbox.wait_for("ben@example.org", "In Bearbeitung")
    assert await queued_for("anna@example.org", "In Bearbeitung") == 0


async def test_a_resident_unfollows_a_report_and_hears_no_more(client, town, mailbox):
    report_id = await anna_files(client)
    assert (await client.get(f"{M}/reports/{report_id}")).json()["following"] is True  # the reporter follows
    assert (await client.post(f"{M}/reports/{report_id}/unfollow")).json() == {"following": False}
    assert (await client.get(f"{M}/reports/{report_id}")).json()["following"] is False
    await witness(client, report_id)
    await move(client, report_id, "in_bearbeitung")
    await mailbox.wait_for("ben@example.org", "In Bearbeitung")
    assert await queued_for("anna@example.org", "In Bearbeitung") == 0


async def test_following_a_report_needs_login_and_a_visible_report(client, town, mailbox):
    report_id = await confirmed_report(client, SLUG, mailbox)
    assert (await client.post(f"{M}/reports/{report_id}/follow")).status_code == 401
    assert (await client.get(f"{M}/reports/{report_id}")).json()["following"] is False
    await person("ben@example.org")
    await logged_in(client, "ben@example.org")
    assert (await client.post(f"{M}/reports/999999/follow")).status_code == 404


async def test_daily_readers_get_report_news_in_their_digest(client, town, mailbox, settings):
    report_id = await anna_files(client)
    assert (await client.put("/api/v1/me/notifications", json={"mode": "daily"})).status_code == 200
    await witness(client, report_id)
    await move(client, report_id, "in_bearbeitung")
    await mailbox.wait_for("ben@example.org", "In Bearbeitung")
    assert await queued_for("anna@example.org", "In Bearbeitung") == 0 and await PendingNotice.count() == 1

    assert await notifications.send_digests(post_office(settings, Outbox())) == 1
    digest = body_of(await mailbox.wait_for("anna@example.org", "Zusammenfassung"))
    assert f"Meldung #{report_id}" in digest and "In Bearbeitung" in digest
    assert f"/#/m/{SLUG}/reports/{report_id}" in digest and "/#/unsubscribe/" in digest


async def test_a_report_filed_without_logging_in_follows_the_preference_of_the_account_with_that_address(
    client, town, mailbox
):
    await person("anna@example.org", name="Anna")
    await logged_in(client, "anna@example.org")
    assert (await client.put("/api/v1/me/notifications", json={"mode": "off"})).status_code == 200
    await client.post("/api/v1/auth/logout")
    report_id = await confirmed_report(client, SLUG, mailbox, email="anna@example.org")
    await logged_in(client, "anna@example.org")
    assert (await client.get(f"{M}/reports/{report_id}")).json()["following"] is True
    await witness(client, report_id)
    await move(client, report_id, "in_bearbeitung")
    await mailbox.wait_for("ben@example.org", "In Bearbeitung")
    assert await queued_for("anna@example.org", "In Bearbeitung") == 0
