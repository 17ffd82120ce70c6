"""A person's own lists on the account page: what I contributed and what I flagged, with moderation's state."""

import pytest

from geo.roles import Role
from moderation import services as moderation
from tests.factories import logged_in, person
from tests.moderation.conftest import ADMIN, MODERATOR, OTHER_MODERATOR, RESIDENT
from tests.support.moderation import post_moderated

pytestmark = pytest.mark.usefixtures("delivered_mail")

MINE = "/api/v1/me/contributions"
FLAGS = "/api/v1/me/flags"


async def _flag(client, scene, content, reason="spam"):
    return await client.post(
        scene.url("/flags"), json={"content_type": "note", "content_id": content, "reason": reason, "text": ""}
    )


async def test_my_contributions_show_waiting_public_and_rejected_with_the_reason(client, scene):
    waiting = await scene.notes.create(scene.municipality.id, scene.resident, "Ruft an: 06128 123456")
    rejected = await scene.notes.create(scene.municipality.id, scene.resident, "Ruft auch an: 06128 654321")
    await post_moderated(scene.municipality)
    public = await scene.notes.create(scene.municipality.id, scene.resident, "Mehr Bänke am Bürgerhaus, bitte.")
    await logged_in(client, MODERATOR)
    item = (await moderation.state_of("note", rejected)).item_id
    decided = await client.post(scene.url(f"/items/{item}/decision"), json={"action": "reject", "reason": "spam"})
    assert decided.status_code == 200
    await logged_in(client, RESIDENT)
    items = (await client.get(MINE)).json()["items"]
    states = {i["content_id"]: i for i in items}
    assert states[waiting]["state"] == "waiting" and states[public]["state"] == "public"
    assert states[rejected]["state"] == "rejected" and "Spam" in states[rejected]["reason_de"]
    assert states[public]["municipality_name"] == scene.municipality.name
    assert states[public]["excerpt"].startswith("Mehr Bänke")
    assert [i["content_id"] for i in items] == [public, rejected, waiting]  # newest first


async def test_my_contributions_are_paged(client, scene):
    for n in range(3):
        await scene.notes.create(scene.municipality.id, scene.resident, f"Vorschlag Nummer {n}")
    await logged_in(client, RESIDENT)
    first = (await client.get(MINE, params={"limit": 2})).json()
    assert len(first["items"]) == 2 and first["next_cursor"]
    rest = (await client.get(MINE, params={"limit": 2, "cursor": first["next_cursor"]})).json()
    assert len(rest["items"]) == 1 and rest["next_cursor"] is None
    assert not {i["content_id"] for i in first["items"]} & {i["content_id"] for i in rest["items"]}


@pytest.mark.parametrize(
    ("params", "field"), [({"limit": 0}, "limit"), ({"limit": 101}, "limit"), ({"cursor": "kaputt"}, "cursor")]
)
async def test_bad_paging_is_a_422_naming_the_field(client, scene, params, field):
    await logged_in(client, RESIDENT)
    for url in (MINE, FLAGS):
        response = await client.get(url, params=params)
        assert response.status_code == 422, response.text
        assert field in response.text


async def test_anonymous_people_have_no_lists(client, scene):
    assert (await client.get(MINE)).status_code == 401
    assert (await client.get(FLAGS)).status_code == 401


@pytest.mark.parametrize("email", [MODERATOR, ADMIN, OTHER_MODERATOR, "staff@taunusstein.example", "rat@example.org"])
async def test_every_role_sees_only_their_own_contributions_and_flags(client, scene, email):
    await person("staff@taunusstein.example", roles=(Role.STAFF,), municipality=scene.municipality)
    await person("rat@example.org", roles=(Role.COUNCIL,), municipality=scene.municipality)
    await post_moderated(scene.municipality)
    content = await scene.notes.create(scene.municipality.id, scene.resident, "Anna schreibt etwas.")
    await logged_in(client, RESIDENT)
    assert (await _flag(client, scene, content)).status_code == 422  # her own
    await logged_in(client, email)
    assert (await client.get(MINE)).json()["items"] == []
    assert (await client.get(FLAGS)).json()["items"] == []


async def test_my_flags_show_the_reason_and_what_became_of_the_contribution(client, scene):
    await post_moderated(scene.municipality)
    author = await person("autor@example.org")
    content = await scene.notes.create(scene.municipality.id, author, "Werbung für einen Laden.")
    await logged_in(client, RESIDENT)
    assert (await _flag(client, scene, content, "spam")).status_code == 201
    [flag] = (await client.get(FLAGS)).json()["items"]
    assert flag["content_id"] == content and flag["reason_de"] == "Spam" and flag["state"] == "public"
    assert not flag["reviewed"]
    await logged_in(client, MODERATOR)
    item = (await moderation.state_of("note", content)).item_id
    await client.post(scene.url(f"/items/{item}/decision"), json={"action": "reject", "reason": "spam"})
    await logged_in(client, RESIDENT)
    [flag] = (await client.get(FLAGS)).json()["items"]
    assert flag["state"] == "rejected" and flag["reviewed"]


async def test_one_cannot_flag_ones_own_contribution(client, scene):
    await post_moderated(scene.municipality)
    content = await scene.notes.create(scene.municipality.id, scene.resident, "Mein eigener Beitrag.")
    await logged_in(client, RESIDENT)
    refused = await _flag(client, scene, content)
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "content_id"
    assert (await moderation.state_of("note", content)).visibility == "public"


async def test_a_proposal_in_my_contributions_shows_its_title_apart_from_its_text(client, scene):
    """The title is not run into the text ("Mehr Bänke Auf dem Platz fehlen …")."""
    from tests.proposals.factories import admin_of, consultation, proposal

    await post_moderated(scene.municipality)
    cid = await consultation(scene.municipality, await admin_of(scene.municipality, "chef@taunusstein.example"))
    pid = await proposal(scene.municipality, cid, scene.resident, title="Mehr Bänke am Platz")
    await logged_in(client, RESIDENT)
    mine = next(i for i in (await client.get(MINE)).json()["items"] if i["content_type"] == "proposal")
    assert mine["content_id"] == pid and mine["title"] == "Mehr Bänke am Platz"
    assert mine["excerpt"] and not mine["excerpt"].startswith("Mehr Bänke am Platz")
