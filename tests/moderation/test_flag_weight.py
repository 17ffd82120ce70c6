"""Throwaway accounts cannot silence anyone: only flags of people the municipality knows count toward hiding.

A flag counts when a confirmed account holds a role in the municipality or had a contribution accepted there.
Every other flag still queues the item for the moderators, who see which flags counted.
"""

from geo.roles import Role
from moderation import services as moderation
from moderation.hook import Visibility
from moderation.schemas import FlagCreate
from moderation.tables import ModerationItem
from tests.factories import logged_in, person
from tests.moderation.conftest import MODERATOR
from tests.support.moderation import post_moderated


async def _public_note(scene):
    await post_moderated(scene.municipality)
    author = await person("autor@example.org")
    return await scene.notes.create(scene.municipality.id, author, "Der Spielplatz braucht mehr Schatten.")


async def _flag_as(client, scene, email, content):
    await logged_in(client, email)
    response = await client.post(
        scene.url("/flags"), json={"content_type": "note", "content_id": content, "reason": "insult"}
    )
    assert response.status_code == 201, response.text


async def test_five_flags_from_accounts_without_a_history_here_queue_the_post_but_do_not_hide_it(client, scene):
    content = await _public_note(scene)
    for index in range(5):
        await person(f"wegwerf{index}@example.org")
        await _flag_as(client, scene, f"wegwerf{index}@example.org", content)
    assert scene.notes.visibility[content] == Visibility.PUBLIC
    state = await moderation.state_of("note", content)
    assert state.visibility == "public" and state.queued and "flags" in state.reasons
    await logged_in(client, MODERATOR)
    item = (await client.get(scene.url("/queue"), params={"reason": "flags"})).json()["items"][0]
    assert item["flag_count"] == 5
    detail = (await client.get(scene.url(f"/items/{item['id']}"))).json()
    assert [f["counted"] for f in detail["flags"]] == [False] * 5


async def test_an_accepted_contribution_here_or_a_role_here_makes_a_flag_count(client, scene):
    content = await _public_note(scene)
    await person("einwohnerin@example.org", roles=(Role.RESIDENT,), municipality=scene.municipality)
    await person("rat@example.org", roles=(Role.COUNCIL,), municipality=scene.municipality)
    author = await person("stammgast@example.org")
    await scene.notes.create(scene.municipality.id, author, "Mein angenommener Beitrag von früher")
    await person("neu@example.org")
    await _flag_as(client, scene, "neu@example.org", content)  # does not count
    for email in ("einwohnerin@example.org", "rat@example.org"):
        await _flag_as(client, scene, email, content)
        assert scene.notes.visibility[content] == Visibility.PUBLIC
    await _flag_as(client, scene, "stammgast@example.org", content)
    assert scene.notes.visibility[content] == Visibility.HIDDEN
    assert [f["counted"] for f in await moderation.flags_of(await _item_id(content))] == [False, True, True, True]


async def test_a_contribution_still_waiting_or_made_elsewhere_or_an_unconfirmed_account_does_not_count(scene):
    content = await _public_note(scene)
    waiting = await person("wartend@example.org")
    await ModerationItem(
        municipality=scene.municipality.id, content_type="x", content_id=1, author=waiting, visibility="pending"
    ).save()
    elsewhere = await person("wiesbadener@example.org")
    await ModerationItem(
        municipality=scene.other.id, content_type="x", content_id=2, author=elsewhere, visibility="public"
    ).save()
    unconfirmed = await person(
        "unbestaetigt@example.org", verified=False, roles=(Role.RESIDENT,), municipality=scene.municipality
    )
    for user_id in (waiting, elsewhere, unconfirmed):
        await moderation.flag(
            scene.municipality.id, user_id, FlagCreate(content_type="note", content_id=content, reason="spam")
        )
    assert scene.notes.visibility[content] == Visibility.PUBLIC
    assert [f["counted"] for f in await moderation.flags_of(await _item_id(content))] == [False] * 3


async def _item_id(content: int) -> int:
    row = await ModerationItem.select(ModerationItem.id).where(ModerationItem.content_id == content).first()
    return int(row["id"])
