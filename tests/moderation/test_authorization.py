"""Every moderation endpoint: anonymous people get 401, residents and moderators of another municipality 403,
and nothing changes."""

import pytest

from moderation import services as moderation
from tests.factories import logged_in
from tests.moderation.conftest import MODERATOR, OTHER_MODERATOR, RESIDENT

ENDPOINTS = [
    ("GET", "/queue", None),
    ("GET", "/queue/counts", None),
    ("GET", "/items/{item}", None),
    ("POST", "/items/{item}/claim", None),
    ("POST", "/items/{item}/release", None),
    ("POST", "/items/{item}/decision", {"action": "approve"}),
    ("POST", "/decisions", {"item_ids": ["{item}"], "action": "approve"}),
    ("GET", "/audit", None),
    ("GET", "/audit.csv", None),
    ("GET", "/sanctions", None),
    ("POST", "/sanctions", {"user_id": "{resident}", "kind": "block", "reason": "gesperrt"}),
    ("POST", "/sanctions/1/lift", None),
    ("GET", "/policies", None),
    ("PATCH", "/policies", {"municipality_policy": "post"}),
    ("PUT", "/policies/overrides", {"policy": "post"}),
    ("GET", "/words", None),
    ("PUT", "/words", {"extra_words": "x"}),
    ("GET", "/transparency", None),
]


def _fill(value, item, resident):
    if isinstance(value, dict):
        return {k: _fill(v, item, resident) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, item, resident) for v in value]
    if value == "{item}":
        return item
    if value == "{resident}":
        return resident
    return value


@pytest.mark.parametrize("who, status", [(None, 401), (RESIDENT, 403), (OTHER_MODERATOR, 403)])
@pytest.mark.parametrize(("method", "path", "body"), ENDPOINTS, ids=[f"{m} {p}" for m, p, _ in ENDPOINTS])
async def test_only_the_municipalitys_moderators_reach_moderation(client, scene, who, status, method, path, body):
    content = await scene.notes.create(scene.municipality.id, scene.resident, "Ruft an: 06128 123456")
    item = (await moderation.state_of("note", content)).item_id
    if who:
        await logged_in(client, who)
    url = scene.url(path.replace("{item}", str(item)))
    response = await client.request(method, url, json=_fill(body, item, scene.resident) if body else None)
    assert response.status_code == status, response.text
    state = await moderation.state_of("note", content)
    assert state.visibility == "pending" and [h.action for h in state.history] == ["submitted"]
    assert await moderation.sanctions_of(scene.municipality.id) == []
    assert (await moderation.policies(scene.municipality.id)).municipality_policy == "standard"


async def test_council_members_read_the_transparency_counts_only(client, scene):
    from geo.roles import Role
    from tests.factories import person

    await person("rat@taunusstein.example", roles=(Role.COUNCIL,), municipality=scene.municipality)
    await logged_in(client, "rat@taunusstein.example")
    assert (await client.get(scene.url("/transparency"))).status_code == 200
    assert (await client.get(scene.url("/queue"))).status_code == 403


async def test_a_moderator_reaches_the_queue_but_not_the_admin_settings(client, scene):
    await logged_in(client, MODERATOR)
    assert (await client.get(scene.url("/queue"))).status_code == 200
    assert (await client.put(scene.url("/policies/overrides"), json={"policy": "post"})).status_code == 403
