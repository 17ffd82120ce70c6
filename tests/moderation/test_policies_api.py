"""Admins set policies, overrides and words; moderators read them; the changes are logged."""

from moderation.hook import Visibility
from tests.factories import logged_in, person
from tests.moderation.conftest import ADMIN, MODERATOR


async def test_an_admin_sets_a_consultation_to_pre_moderation(client, scene):
    await logged_in(client, ADMIN)
    response = await client.patch(scene.url("/policies"), json={"municipality_policy": "post"})
    assert response.json()["municipality_policy"] == "post"
    response = await client.put(scene.url("/policies/overrides"), json={"context_id": 3, "policy": "pre"})
    assert response.status_code == 200
    assert response.json()["overrides"] == [{"content_type": "*", "context_id": 3, "policy": "pre"}]
    author = await person("neu@example.org")
    assert (
        scene.notes.visibility[await scene.notes.create(scene.municipality.id, author, "A", context_id=3)]
        == Visibility.PENDING
    )
    assert scene.notes.visibility[await scene.notes.create(scene.municipality.id, author, "B")] == Visibility.PUBLIC
    removed = await client.put(scene.url("/policies/overrides"), json={"context_id": 3, "policy": "inherit"})
    assert removed.json()["overrides"] == []
    log = (await client.get(scene.url("/audit"), params={"action": "policy_override"})).json()["items"]
    assert len(log) == 2


async def test_moderators_read_but_do_not_change_policies_and_words(client, scene):
    await logged_in(client, MODERATOR)
    assert (await client.get(scene.url("/policies"))).json()["flag_threshold"] == 3
    assert (await client.patch(scene.url("/policies"), json={"flag_threshold": 1})).status_code == 403
    assert (await client.put(scene.url("/words"), json={"extra_words": "x"})).status_code == 403
    assert "idiot" in (await client.get(scene.url("/words"))).json()["default_words"]


async def test_an_invalid_policy_is_a_422_naming_the_field(client, scene):
    await logged_in(client, ADMIN)
    response = await client.patch(scene.url("/policies"), json={"municipality_policy": "sometimes"})
    assert response.status_code == 422 and "municipality_policy" in response.json()["errors"][0]["field"]
    assert (await client.get(scene.url("/policies"))).json()["municipality_policy"] == "standard"


async def test_admins_extend_the_word_list(client, scene):
    await logged_in(client, ADMIN)
    response = await client.put(scene.url("/words"), json={"extra_words": "Schwachmat\n"})
    assert response.status_code == 200 and response.json()["extra_words"] == "Schwachmat\n"
    await client.patch(scene.url("/policies"), json={"municipality_policy": "post"})
    content = await scene.notes.create(scene.municipality.id, scene.resident, "Du Schwachmat")
    assert scene.notes.visibility[content] == Visibility.PENDING
