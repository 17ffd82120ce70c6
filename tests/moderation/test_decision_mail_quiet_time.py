"""A moderator deciding one item after the other: the author gets one mail for the whole run, through the real
outbox and SMTP (aiosmtpd), once MODERATION_MAIL_QUIET_SECONDS passed without a further decision."""

import asyncio

import pytest

from backend.mail.outbox import Outbox
from backend.schedule import jobs
from moderation import services as moderation
from moderation.tables import HeldMail
from tests.conftest import make_settings
from tests.factories import logged_in
from tests.moderation.conftest import MODERATOR, RESIDENT
from tests.support.mailbox import body_of

pytestmark = pytest.mark.usefixtures("delivered_mail")
QUIET = 2


@pytest.fixture
def settings(smtp):
    return make_settings(smtp, moderation_mail_quiet_seconds=QUIET)


async def test_eight_decisions_in_a_row_reach_the_author_as_one_mail(client, scene, mailbox):
    texts = [f"Ruft an: 06128 11111{n}" for n in range(8)]
    notes = [await scene.notes.create(scene.municipality.id, scene.resident, text) for text in texts]
    items = [(await moderation.state_of("note", note)).item_id for note in notes]
    await logged_in(client, MODERATOR)
    for index, item in enumerate(items):
        body = {"action": "reject", "reason": "personal_data"} if index % 2 else {"action": "approve"}
        response = await client.post(scene.url(f"/items/{item}/decision"), json=body)
        assert response.status_code == 200, response.text
        # Held while the moderator keeps going: the job finds nothing due yet.
        assert await jobs.send_moderation_mails(Outbox()) == 0
    assert await HeldMail.count() == 8
    await asyncio.sleep(QUIET + 0.2)
    assert await jobs.send_moderation_mails(Outbox()) == 1
    summary = await mailbox.wait_for(RESIDENT, "8 Ihrer Beiträge")
    await asyncio.sleep(0.5)  # anything else would have been sent with it
    assert len(mailbox.to(RESIDENT)) == 1
    text = body_of(summary)
    for excerpt in texts:
        assert f"„{excerpt}“" in text
    assert text.count("Entfernt. Grund: personenbezogene Daten") == 4
    assert await HeldMail.count() == 0
    assert await jobs.send_moderation_mails(Outbox()) == 0  # sent once


async def test_a_bulk_decision_joins_the_single_ones_held_before_it(client, scene, mailbox):
    texts = [f"Ruft an: 06128 2222{n}" for n in range(3)]
    notes = [await scene.notes.create(scene.municipality.id, scene.resident, text) for text in texts]
    items = [(await moderation.state_of("note", note)).item_id for note in notes]
    await logged_in(client, MODERATOR)
    assert (await client.post(scene.url(f"/items/{items[0]}/decision"), json={"action": "approve"})).status_code == 200
    response = await client.post(scene.url("/decisions"), json={"item_ids": items[1:], "action": "approve"})
    assert response.status_code == 200, response.text
    assert await jobs.send_moderation_mails(Outbox()) == 0
    await asyncio.sleep(QUIET + 0.2)
    assert await jobs.send_moderation_mails(Outbox()) == 1
    await mailbox.wait_for(RESIDENT, "3 Ihrer Beiträge")
    await asyncio.sleep(0.3)
    assert len(mailbox.to(RESIDENT)) == 1
