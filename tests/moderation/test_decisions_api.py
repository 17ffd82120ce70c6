"""Every decision over HTTP: what the content package is told, what the author is mailed, what the log keeps."""

import io

import pytest
from PIL import Image

from media.photos import PhotoStore
from moderation import services as moderation
from moderation.hook import Visibility
from tests.factories import logged_in
from tests.moderation.conftest import ADMIN, MODERATOR, RESIDENT
from tests.moderation.factories import recording
from tests.support.client import api_client
from tests.support.mailbox import body_of

pytestmark = pytest.mark.usefixtures("delivered_mail")

PHONE_TEXT = "Die Laterne in der Aarstraße ist kaputt, ruft mich an: 06128 123456"


async def _waiting(scene, text=PHONE_TEXT):
    content = await scene.notes.create(scene.municipality.id, scene.resident, text)
    return content, (await moderation.state_of("note", content)).item_id


async def _decide(client, scene, item, **body):
    return await client.post(scene.url(f"/items/{item}/decision"), json=body)


async def test_approving_publishes_the_item_and_mails_the_author(client, scene, mailbox):
    content, item = await _waiting(scene, "Ein Trinkbrunnen am Bahnhof wäre gut.")
    await logged_in(client, MODERATOR)
    response = await _decide(client, scene, item, action="approve")
    assert response.status_code == 200 and response.json()["visibility"] == "public" and not response.json()["queued"]
    assert scene.notes.visibility[content] == Visibility.PUBLIC
    mail = await mailbox.wait_for(RESIDENT, "jetzt öffentlich")
    assert "freigegeben" in body_of(mail) and f"http://stadtstimme.test/#/notes/{content}" in body_of(mail)
    assert (await client.get(scene.url("/queue"))).json()["items"] == []


async def test_rejecting_leaves_a_public_placeholder_with_the_reason_and_tells_the_author_why(client, scene, mailbox):
    _content, item = await _waiting(scene)
    await logged_in(client, MODERATOR)
    response = await _decide(client, scene, item, action="reject", reason="personal_data")
    assert response.status_code == 200
    outcome = scene.notes.outcomes[-1]
    assert outcome.visibility == Visibility.REJECTED
    assert outcome.reason_de == "Von der Moderation entfernt: personenbezogene Daten"
    assert outcome.reason_en == "Removed by the moderators: personal data"
    mail = await mailbox.wait_for(RESIDENT, "entfernt")
    assert "Grund: personenbezogene Daten" in body_of(mail)


async def test_a_rejection_without_a_reason_is_refused_and_changes_nothing(client, scene, mailbox):
    content, item = await _waiting(scene)
    await logged_in(client, MODERATOR)
    response = await _decide(client, scene, item, action="reject")
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "reason"
    other = await _decide(client, scene, item, action="reject", reason="other")
    assert other.status_code == 422 and other.json()["errors"][0]["field"] == "text"
    state = await moderation.state_of("note", content)
    assert state.visibility == "pending" and state.queued and scene.notes.outcomes == []
    assert [h.action for h in state.history] == ["submitted"]


async def test_hiding_and_restoring_are_told_to_the_content_and_the_author(client, scene, mailbox):
    content, item = await _waiting(scene, "Ein Trinkbrunnen am Bahnhof wäre gut.")
    await logged_in(client, MODERATOR)
    await _decide(client, scene, item, action="approve")
    assert (await _decide(client, scene, item, action="hide", text="Wir prüfen das.")).status_code == 200
    assert scene.notes.visibility[content] == Visibility.HIDDEN
    assert "Wir prüfen das." in body_of(await mailbox.wait_for(RESIDENT, "ausgeblendet"))
    assert (await _decide(client, scene, item, action="restore")).status_code == 200
    assert scene.notes.visibility[content] == Visibility.PUBLIC
    assert await mailbox.wait_for(RESIDENT, "jetzt öffentlich")
    refused = await _decide(client, scene, item, action="restore")
    assert refused.status_code == 422


async def test_redacting_text_keeps_the_original_in_the_audit_only(client, scene, mailbox):
    content, item = await _waiting(scene)
    await logged_in(client, MODERATOR)
    redacted = "Die Laterne in der Aarstraße ist kaputt, ruft mich an: [entfernt]"
    response = await _decide(client, scene, item, action="redact", redacted_text=redacted)
    assert response.status_code == 200 and response.json()["text"] == redacted
    assert scene.notes.texts[content] == redacted and scene.notes.outcomes[-1].visibility == Visibility.PENDING
    detail = (await client.get(scene.url(f"/items/{item}"))).json()
    redaction = detail["history"][-1]
    assert redaction["action"] == "redact" and redaction["before"]["text"] == PHONE_TEXT
    assert redaction["after"]["text"] == redacted
    assert "Einzelne Angaben im Text wurden entfernt" in body_of(await mailbox.wait_for(RESIDENT, "bearbeitet"))


async def test_redacting_a_photo_region_hands_the_blurred_copy_to_the_content(scene, settings, smtp, tmp_path):
    from tests.conftest import make_settings

    store = PhotoStore(tmp_path)
    image = Image.new("RGB", (200, 100), (255, 0, 0))
    image.paste((0, 0, 255), (0, 0, 100, 100))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    stored = store.ingest(buffer.getvalue())
    async with api_client(make_settings(smtp, media_dir=tmp_path)) as client:
        photos = recording("photo")  # after the app's start-up, which installs the real listeners
        content = await photos.create(scene.municipality.id, scene.resident, "", photo_key=stored.key)
        item = (await moderation.state_of("photo", content)).item_id
        await logged_in(client, MODERATOR)
        body = {"action": "redact", "region": {"x": 0, "y": 0, "width": 0.5, "height": 1}}
        response = await client.post(scene.url(f"/items/{item}/decision"), json=body)
        assert response.status_code == 200, response.text
    new_key = photos.photos[content]
    assert new_key != stored.key
    blurred = Image.open(store.path(new_key))
    assert blurred.getpixel((40, 50)) != (0, 0, 255)  # the marked region no longer shows the original
    assert store.path(stored.key).exists()  # the original stays for the audit
    assert (await moderation.state_of("photo", content)).photo_key == new_key


async def test_bulk_decisions_are_all_or_nothing(client, scene, mailbox):
    first = [await _waiting(scene, f"Vorschlag {i} für den Markt") for i in range(3)]
    items = [item for _, item in first]
    await logged_in(client, MODERATOR)
    broken = await client.post(scene.url("/decisions"), json={"item_ids": [*items, 999_999], "action": "approve"})
    assert broken.status_code == 404
    # (the recorder lives in memory; a real content row rolls back with moderation's record)
    assert [(await moderation.state_of("note", c)).visibility for c, _ in first] == ["pending"] * 3
    response = await client.post(
        scene.url("/decisions"), json={"item_ids": items, "action": "reject", "reason": "spam"}
    )
    assert response.status_code == 200 and response.json() == {"decided": 3}
    assert all(scene.notes.visibility[c] == Visibility.REJECTED for c, _ in first)


async def test_a_claimed_item_cannot_be_decided_by_another_moderator(client, scene, settings):
    content, item = await _waiting(scene)
    await logged_in(client, MODERATOR)
    claimed = await client.post(scene.url(f"/items/{item}/claim"))
    assert claimed.status_code == 200 and claimed.json()["claimed_by_name"] == "Mo Derator"
    async with api_client(settings) as other:
        await logged_in(other, ADMIN)
        refused = await other.post(scene.url(f"/items/{item}/decision"), json={"action": "approve"})
        assert refused.status_code == 409 and "Mo Derator" in refused.json()["detail"]
        assert (await other.post(scene.url(f"/items/{item}/claim"))).status_code == 409
    assert scene.notes.visibility[content] == Visibility.PENDING
    assert (await _decide(client, scene, item, action="approve")).status_code == 200


async def test_an_expired_claim_no_longer_blocks_others(client, scene):
    from datetime import timedelta

    from geo.clock import now
    from moderation.tables import ModerationItem

    _, item = await _waiting(scene)
    await ModerationItem.update(
        {ModerationItem.claimed_by: scene.moderator, ModerationItem.claimed_at: now() - timedelta(minutes=16)}
    ).where(ModerationItem.id == item)
    await logged_in(client, ADMIN)
    assert (await _decide(client, scene, item, action="approve")).status_code == 200


@pytest.mark.parametrize("email, status", [(None, 401), (RESIDENT, 403)])
async def test_only_moderators_decide(client, scene, email, status):
    content, item = await _waiting(scene)
    if email:
        await logged_in(client, email)
    assert (await _decide(client, scene, item, action="approve")).status_code == status
    assert (
        await client.post(scene.url("/decisions"), json={"item_ids": [item], "action": "approve"})
    ).status_code == status
    assert (await client.post(scene.url(f"/items/{item}/claim"))).status_code == status
    assert scene.notes.visibility[content] == Visibility.PENDING
