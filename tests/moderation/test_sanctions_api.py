"""Warn, mute, block: the person is mailed, and a muted or blocked account is told why it cannot contribute."""

from datetime import UTC, datetime, timedelta

import pytest

from moderation.errors import AuthorSanctioned
from moderation.hook import ensure_may_contribute
from tests.factories import logged_in
from tests.moderation.conftest import MODERATOR, RESIDENT
from tests.support.mailbox import body_of

pytestmark = pytest.mark.usefixtures("delivered_mail", "resident_took_part")


@pytest.fixture
async def resident_took_part(scene):
    """Moderators act only on people who took part in their municipality (see test_sanctions_across_municipalities)."""
    await scene.notes.create(scene.municipality.id, scene.resident, "Mein erster Beitrag in Taunusstein")


async def test_a_muted_resident_cannot_contribute_and_is_told_why_and_until_when(client, scene, mailbox):
    until = (datetime.now(UTC) + timedelta(days=7)).replace(microsecond=0)
    await logged_in(client, MODERATOR)
    response = await client.post(
        scene.url("/sanctions"),
        json={
            "user_id": scene.resident,
            "kind": "mute",
            "until": until.isoformat(),
            "reason": "Wiederholte Beleidigungen",
        },
    )
    assert response.status_code == 201 and response.json()["active"] is True
    mail = await mailbox.wait_for(RESIDENT, "stummgeschaltet")
    assert "Wiederholte Beleidigungen" in body_of(mail) and until.strftime("%d.%m.%Y") in body_of(mail)
    with pytest.raises(AuthorSanctioned) as refused:
        await ensure_may_contribute(scene.resident, scene.municipality.id)
    assert until.strftime("%d.%m.%Y") in refused.value.de and "Wiederholte Beleidigungen" in refused.value.de
    assert "muted until" in refused.value.en
    await ensure_may_contribute(scene.resident, scene.other.id)  # only in this municipality


async def test_a_block_without_end_is_indefinite_and_lifting_it_lets_the_person_back(client, scene, mailbox):
    await logged_in(client, MODERATOR)
    created = (
        await client.post(
            scene.url("/sanctions"), json={"user_id": scene.resident, "kind": "block", "reason": "Spam-Konto"}
        )
    ).json()
    assert "dauerhaft" in body_of(await mailbox.wait_for(RESIDENT, "gesperrt"))
    with pytest.raises(AuthorSanctioned) as refused:
        await ensure_may_contribute(scene.resident, scene.municipality.id)
    assert "dauerhaft gesperrt" in refused.value.de
    lifted = await client.post(scene.url(f"/sanctions/{created['id']}/lift"))
    assert lifted.status_code == 200 and lifted.json()["active"] is False
    await ensure_may_contribute(scene.resident, scene.municipality.id)


async def test_a_warning_is_mailed_but_does_not_stop_anyone(client, scene, mailbox):
    await logged_in(client, MODERATOR)
    response = await client.post(
        scene.url("/sanctions"), json={"user_id": scene.resident, "kind": "warn", "reason": "Bitte sachlich bleiben"}
    )
    assert response.status_code == 201 and response.json()["active"] is False
    assert "Bitte sachlich bleiben" in body_of(await mailbox.wait_for(RESIDENT, "Verwarnung"))
    await ensure_may_contribute(scene.resident, scene.municipality.id)
    listed = (await client.get(scene.url("/sanctions"), params={"user": scene.resident})).json()
    assert [s["kind"] for s in listed] == ["warn"]


async def test_an_expired_mute_no_longer_applies(scene):
    from moderation.tables import Sanction

    await Sanction(
        municipality=scene.municipality.id,
        user=scene.resident,
        kind="mute",
        until=datetime.now(UTC) - timedelta(minutes=1),
        reason="vorbei",
    ).save()
    await ensure_may_contribute(scene.resident, scene.municipality.id)


async def test_a_mute_needs_an_end_in_the_future(client, scene):
    await logged_in(client, MODERATOR)
    missing = await client.post(
        scene.url("/sanctions"), json={"user_id": scene.resident, "kind": "mute", "reason": "zu viel"}
    )
    assert missing.status_code == 422
    past = await client.post(
        scene.url("/sanctions"),
        json={"user_id": scene.resident, "kind": "mute", "until": "2020-01-01T00:00:00Z", "reason": "zu viel"},
    )
    assert past.status_code == 422 and past.json()["errors"][0]["field"] == "until"
    await ensure_may_contribute(scene.resident, scene.municipality.id)


@pytest.mark.parametrize("email, status", [(None, 401), (RESIDENT, 403)])
async def test_only_moderators_impose_sanctions(client, scene, email, status):
    if email:
        await logged_in(client, email)
    response = await client.post(
        scene.url("/sanctions"), json={"user_id": scene.resident, "kind": "block", "reason": "selbst gesperrt"}
    )
    assert response.status_code == status
    await ensure_may_contribute(scene.resident, scene.municipality.id)
