"""The proposal list pages with the shared cursor: every proposal once, in the chosen order, with the count."""

import pytest

from contributions.actor import actor_in
from geo.roles import Role
from proposals import services
from tests.factories import person
from tests.proposals.factories import admin_of, consultation, proposal
from tests.support.moderation import post_moderated

M = "/api/v1/municipalities/taunusstein"


async def _walk(client, cid, sort):
    seen, cursor = [], None
    while True:
        params = {"sort": sort, "limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (await client.get(f"{M}/consultations/{cid}/proposals", params=params)).json()
        assert page["total"] == 5 and len(page["items"]) <= 2
        seen += [p["id"] for p in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            return seen


@pytest.mark.parametrize("sort", ["newest", "oldest", "most_supported"])
async def test_every_proposal_appears_once_in_the_chosen_order(client, taunusstein, many_contributions, sort):
    await post_moderated(taunusstein)
    cid = await consultation(taunusstein, await admin_of(taunusstein))
    author = await person("r@example.org", roles=(Role.RESIDENT,), municipality=taunusstein)
    voter = await actor_in(
        await person("v@example.org", roles=(Role.RESIDENT,), municipality=taunusstein), taunusstein.id
    )
    ids = [await proposal(taunusstein, cid, author, f"Idee {i}") for i in range(5)]
    for pid in (ids[1], ids[3]):  # two with one vote each: a tie broken by the id
        await services.vote(taunusstein, pid, voter)
    expected = {
        "newest": ids[::-1],
        "oldest": ids,
        "most_supported": [ids[3], ids[1], ids[4], ids[2], ids[0]],
    }[sort]
    assert await _walk(client, cid, sort) == expected
