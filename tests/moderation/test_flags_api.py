"""Residents flag public content once each; at the threshold it is hidden until a moderator decides.

Whose flags count toward the threshold is test_flag_weight.py's subject; here the flaggers are registered residents.
"""

from geo.roles import Role
from geo.services import grant_role
from moderation import services as moderation
from moderation.hook import Visibility
from tests.factories import logged_in, person
from tests.moderation.conftest import ADMIN, MODERATOR, RESIDENT
from tests.support.moderation import post_moderated


async def _public_note(scene):
    await post_moderated(scene.municipality)
    author = await person("autor@example.org")
    return await scene.notes.create(scene.municipality.id, author, "Der Spielplatz braucht mehr Schatten.")


async def _flag(client, scene, content, reason="spam", text=""):
    return await client.post(
        scene.url("/flags"), json={"content_type": "note", "content_id": content, "reason": reason, "text": text}
    )


async def test_a_resident_flags_once_and_is_thanked(client, scene):
    content = await _public_note(scene)
    await logged_in(client, RESIDENT)
    response = await _flag(client, scene, content, "personal_data")
    assert response.status_code == 201 and "Danke" in response.json()["detail_de"]
    again = await _flag(client, scene, content, "insult")
    assert again.status_code == 409 and "schon gemeldet" in again.json()["detail"]
    state = await moderation.state_of("note", content)
    assert state.visibility == "public" and "flags" in state.reasons


async def test_the_third_flag_hides_the_item_until_a_moderator_reviews_it(client, scene):
    content = await _public_note(scene)
    for index in range(3):
        email = f"flagger{index}@example.org"
        await person(email, roles=(Role.RESIDENT,), municipality=scene.municipality)
        await logged_in(client, email)
        assert (await _flag(client, scene, content, "insult")).status_code == 201
        expected = Visibility.HIDDEN if index == 2 else Visibility.PUBLIC
        assert scene.notes.visibility[content] == expected
    await logged_in(client, MODERATOR)
    item = (await client.get(scene.url("/queue"), params={"reason": "flags"})).json()["items"][0]
    assert item["flag_count"] == 3 and item["visibility"] == "hidden"
    detail = (await client.get(scene.url(f"/items/{item['id']}"))).json()
    assert [f["reason"] for f in detail["flags"]] == ["insult"] * 3
    assert "auto_hidden" in [h["action"] for h in detail["history"]]
    await client.post(scene.url(f"/items/{item['id']}/decision"), json={"action": "restore"})
    assert scene.notes.visibility[content] == Visibility.PUBLIC


async def test_the_threshold_is_configurable_per_municipality(client, scene):
    content = await _public_note(scene)
    await logged_in(client, ADMIN)
    assert (await client.patch(scene.url("/policies"), json={"flag_threshold": 1})).status_code == 200
    await grant_role(scene.resident, scene.municipality.id, Role.RESIDENT)
    await logged_in(client, RESIDENT)
    await _flag(client, scene, content)
    assert scene.notes.visibility[content] == Visibility.HIDDEN


async def test_other_needs_a_text_and_content_one_cannot_see_cannot_be_flagged(client, scene):
    content = await _public_note(scene)
    pending = await scene.notes.create(scene.municipality.id, scene.resident, "Ruft an: 06128 123456")
    await logged_in(client, RESIDENT)
    missing = await _flag(client, scene, content, "other")
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "text"
    assert (await _flag(client, scene, content, "other", "Das ist Werbung")).status_code == 201
    assert (await _flag(client, scene, pending)).status_code == 404
    assert (await _flag(client, scene, content + 999)).status_code == 404


async def test_anonymous_people_cannot_flag_and_another_municipality_does_not_know_the_item(client, scene):
    content = await _public_note(scene)
    assert (await _flag(client, scene, content)).status_code == 401
    await logged_in(client, RESIDENT)
    response = await client.post(
        scene.url("/flags", slug=scene.other.slug),
        json={"content_type": "note", "content_id": content, "reason": "spam"},
    )
    assert response.status_code == 404
