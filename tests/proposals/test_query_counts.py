"""The consultation and proposal pages cost a fixed number of SQL queries, however many proposals and comments
there are (no N+1). Queries are counted by wrapping the engine's query entry point."""

from contextlib import contextmanager

from contributions.actor import actor_in
from geo.roles import Role
from proposals import services
from proposals.schemas import CommentCreate
from proposals.services import Post
from proposals.tables import Proposal
from tests.factories import person
from tests.proposals.factories import admin_of, consultation, proposal
from tests.support.moderation import post_moderated


@contextmanager
def counting():
    engine = type(Proposal._meta.db)  # patched on the class: PostgresEngine has slots
    counter = {"n": 0}
    original = engine.run_querystring

    async def counted(self, *args, **kwargs):
        counter["n"] += 1
        return await original(self, *args, **kwargs)

    engine.run_querystring = counted
    try:
        yield counter
    finally:
        engine.run_querystring = original


class Outbox:
    async def send(self, **_):
        return None


async def page_queries(municipality, cid, pid, user_id):
    """The API calls of the consultation page and of one proposal page, as the frontend makes them
    (the web shell resolves the actor once per request; see tests/backend/test_request_queries.py)."""
    viewer = await actor_in(user_id, municipality.id)
    with counting() as counter:
        await services.get_consultation(municipality, cid, viewer)
        await services.list_proposals(municipality, cid, viewer, sort="most_supported")
        await services.pins(municipality, cid, viewer)
        await services.get_proposal(municipality, pid, viewer)
        await services.list_comments(municipality, pid, viewer, sort="most_discussed")
    return counter["n"]


async def grow(municipality, cid, pid, authors, proposals, comments):
    post = Post(Outbox(), "http://x", "s")
    actors = [await actor_in(a, municipality.id) for a in authors]
    for i in range(proposals):
        other = await proposal(municipality, cid, authors[i % len(authors)], f"Vorschlag {i}")
        await services.vote(municipality, other, actors[(i + 1) % len(actors)])
    parent = None
    for i in range(comments):
        comment = await services.add_comment(
            municipality, pid, actors[i % len(actors)], CommentCreate(text=f"Kommentar {i}", parent_id=parent), post
        )
        parent = comment.id if comment.depth < 3 and i % 2 == 0 else None


async def test_page_queries_do_not_grow_with_proposals_and_comments(taunusstein, many_contributions):
    await post_moderated(taunusstein)
    cid = await consultation(taunusstein, await admin_of(taunusstein))
    authors = [
        await person(f"r{i}@example.org", roles=(Role.RESIDENT,), municipality=taunusstein, name=f"R{i}")
        for i in range(3)
    ]
    pid = await proposal(taunusstein, cid, authors[0])
    await grow(taunusstein, cid, pid, authors, proposals=2, comments=2)
    small = await page_queries(taunusstein, cid, pid, authors[1])
    await grow(taunusstein, cid, pid, authors, proposals=25, comments=30)
    large = await page_queries(taunusstein, cid, pid, authors[1])
    assert small > 0
    assert large == small, f"{small} queries with few rows, {large} with many"
    anonymous_large = await page_queries(taunusstein, cid, pid, None)
    assert anonymous_large <= large
