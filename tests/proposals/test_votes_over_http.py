"""Votes at event load through the real app: many residents at once, each answer proven against the database.

On PostgreSQL the requests really overlap (the one-statement vote, its row locks and the unique index decide);
on SQLite the writers queue. Either way: every 200 is a stored vote, nobody holds more than the limit, and the
budgets and the proposals' counters equal the rows.
"""

import asyncio

from geo.roles import Role
from proposals.tables import Proposal, ProposalVote, VoteBudget
from tests.factories import logged_in, person
from tests.proposals.factories import proposal
from tests.proposals.test_votes import M, setup

LIMIT, PROPOSALS, RESIDENTS = 4, 6, 12


async def test_concurrent_votes_over_http_store_every_acknowledged_vote_and_none_over_the_limit(
    client, taunusstein, many_contributions
):
    cid, anna = await setup(taunusstein, vote_limit=LIMIT)
    pids = [await proposal(taunusstein, cid, anna, f"Idee {i}") for i in range(PROPOSALS)]
    residents = {}
    for i in range(RESIDENTS):
        email = f"r{i}@example.org"
        residents[await person(email, roles=(Role.RESIDENT,), municipality=taunusstein)] = email
    # Each resident's cookies, taken from one login after the other, then sent explicitly on every request.
    logins = {}
    for uid, email in residents.items():
        client.cookies.clear()
        await client.get("/api/health")
        await logged_in(client, email)
        logins[uid] = ("; ".join(f"{k}={v}" for k, v in client.cookies.items()), client.cookies.get("csrftoken"))
    client.cookies.clear()

    async def vote(uid: int, pid: int) -> tuple[int, int, int, str]:
        cookie, token = logins[uid]
        response = await client.post(
            f"{M}/proposals/{pid}/vote", json={"value": 1}, headers={"cookie": cookie, "x-csrftoken": token}
        )
        code = response.json()["type"].removeprefix("/problems/") if response.status_code != 200 else ""
        return uid, pid, response.status_code, code

    # Every resident tries every proposal twice, all at the same moment.
    calls = [vote(uid, pid) for uid in residents for pid in pids for _ in range(2)]
    answers = await asyncio.gather(*calls)

    statuses = sorted({(status, code) for _, _, status, code in answers})
    assert statuses == [(200, ""), (409, "already-voted"), (409, "vote-limit-reached")]
    acknowledged = {(uid, pid) for uid, pid, status, _ in answers if status == 200}
    assert len(acknowledged) == sum(1 for *_, status, _ in answers if status == 200)  # no pair answered 200 twice
    rows = {(r["user"], r["proposal"]) for r in await ProposalVote.select(ProposalVote.user, ProposalVote.proposal)}
    assert rows == acknowledged
    assert await ProposalVote.count() == len(acknowledged) == LIMIT * RESIDENTS
    for uid in residents:
        budget = await VoteBudget.select(VoteBudget.used).where(VoteBudget.user == uid).first()
        assert budget["used"] == sum(1 for u, _ in rows if u == uid) == LIMIT
    for row in await Proposal.select(Proposal.id, Proposal.support_count).where(Proposal.consultation == cid):
        assert row["support_count"] == sum(1 for _, p in rows if p == row["id"])
