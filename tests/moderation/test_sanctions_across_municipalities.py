"""Moderators and admins sanction only people who belong to or took part in their own municipality.

Anyone else is answered exactly like an id that does not exist: no sanction, no mail, no display name.
"""

import pytest

from backend.mail.tables import OutgoingMail
from geo.roles import Role
from moderation.tables import Sanction
from tests.factories import logged_in, person
from tests.moderation.conftest import ADMIN, MODERATOR, OTHER_MODERATOR, RESIDENT

pytestmark = pytest.mark.usefixtures("delivered_mail")
OTHER_ADMIN = "admin@wiesbaden.example"


def _warning(user_id: int) -> dict:
    return {"user_id": user_id, "kind": "warn", "reason": "Sie werden verwarnt: http://phish.example"}


@pytest.mark.parametrize("email", [OTHER_MODERATOR, OTHER_ADMIN])
async def test_staff_of_another_municipality_cannot_sanction_or_name_a_resident_who_never_took_part_there(
    client, scene, mailbox, email
):
    await person(OTHER_ADMIN, roles=(Role.ADMIN,), municipality=scene.other)
    await scene.notes.create(scene.municipality.id, scene.resident, "Anna schreibt nur in Taunusstein")
    await logged_in(client, email)
    stranger = await client.post(scene.url("/sanctions", slug=scene.other.slug), json=_warning(scene.resident))
    nobody = await client.post(scene.url("/sanctions", slug=scene.other.slug), json=_warning(999_999))
    assert stranger.status_code == nobody.status_code == 404
    assert stranger.json()["detail_en"] == nobody.json()["detail_en"]
    assert "Anna" not in stranger.text
    assert await Sanction.count() == 0
    assert await OutgoingMail.count() == 0 and not mailbox.to(RESIDENT)


@pytest.mark.parametrize("email", [MODERATOR, ADMIN])
async def test_moderators_and_admins_sanction_someone_who_contributed_in_their_municipality(
    client, scene, mailbox, email
):
    await scene.notes.create(scene.municipality.id, scene.resident, "Ein Beitrag in Taunusstein")
    await logged_in(client, email)
    response = await client.post(scene.url("/sanctions"), json=_warning(scene.resident))
    assert response.status_code == 201 and response.json()["user_name"] == "Anna"
    await mailbox.wait_for(RESIDENT, "Verwarnung")


async def test_a_moderator_sanctions_someone_who_only_flagged_or_only_holds_a_role_there(client, scene, mailbox):
    from moderation import services as moderation
    from moderation.schemas import FlagCreate
    from tests.support.moderation import post_moderated

    await post_moderated(scene.municipality)
    post = await scene.notes.create(scene.municipality.id, scene.moderator, "Ein öffentlicher Beitrag")
    await moderation.flag(
        scene.municipality.id, scene.resident, FlagCreate(content_type="note", content_id=post, reason="spam")
    )
    registered = await person("ben@example.org", roles=(Role.RESIDENT,), municipality=scene.municipality)
    await logged_in(client, MODERATOR)
    for user_id in (scene.resident, registered):
        assert (await client.post(scene.url("/sanctions"), json=_warning(user_id))).status_code == 201


async def test_a_moderator_cannot_sanction_someone_whose_only_contribution_is_elsewhere(client, scene):
    await scene.notes.create(scene.other.id, scene.resident, "Ein Beitrag in Wiesbaden")
    await logged_in(client, MODERATOR)
    response = await client.post(scene.url("/sanctions"), json=_warning(scene.resident))
    assert response.status_code == 404 and response.json()["errors"][0]["field"] == "user_id"


@pytest.mark.parametrize("email", [None, RESIDENT])
async def test_residents_and_anonymous_people_impose_no_sanctions_at_all(client, scene, email):
    await scene.notes.create(scene.municipality.id, scene.resident, "Ein Beitrag in Taunusstein")
    if email:
        await logged_in(client, email)
    response = await client.post(scene.url("/sanctions"), json=_warning(scene.moderator))
    assert response.status_code == (403 if email else 401)
    assert await Sanction.count() == 0
