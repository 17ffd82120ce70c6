"""Votes grouped per worker (group commit, PostgreSQL): many votes and withdrawals at once, each answer proven
against the database. On SQLite the same requests take the plain path and must give the same guarantees.

What must hold whatever the grouping: every vote answered 200 and not taken back is stored, nobody holds more
than the limit, no pair twice, and the budgets and the proposals' counters equal the rows. Two workers' batches
touching the same people and proposals in opposite orders must not deadlock.
"""

import asyncio
import os
import random

import asyncpg
import pytest

from contributions.actor import actor_in
from geo import clock
from geo.errors import DomainError
from geo.roles import Role
from proposals import services
from proposals.services import vote_batch
from proposals.tables import Proposal, ProposalVote, VoteBudget
from tests.factories import logged_in, person
from tests.proposals.factories import proposal
from tests.proposals.test_votes import M, setup

LIMIT, PROPOSALS, RESIDENTS = 3, 5, 8


async def _consistent(cid: int, residents: list[int]) -> set[tuple[int, int]]:
    """The stored (user, proposal) pairs, after checking budgets, counters and the limit against them."""
    rows = [(r["user"], r["proposal"]) for r in await ProposalVote.select(ProposalVote.user, ProposalVote.proposal)]
    assert len(rows) == len(set(rows))
    for uid in residents:
        mine = sum(1 for u, _ in rows if u == uid)
        budget = await VoteBudget.select(VoteBudget.used).where(VoteBudget.user == uid).first()
        assert mine <= LIMIT
        assert (budget["used"] if budget else 0) == mine
    for row in await Proposal.select(Proposal.id, Proposal.support_count).where(Proposal.consultation == cid):
        assert row["support_count"] == sum(1 for _, p in rows if p == row["id"])
    return set(rows)


async def test_votes_and_withdrawals_at_once_leave_counters_budgets_and_rows_equal(
    client, taunusstein, many_contributions
):
    cid, anna = await setup(taunusstein, vote_limit=LIMIT)
    pids = [await proposal(taunusstein, cid, anna, f"Idee {i}") for i in range(PROPOSALS)]
    residents = [
        await person(f"r{i}@example.org", roles=(Role.RESIDENT,), municipality=taunusstein) for i in range(RESIDENTS)
    ]
    logins = {}
    for i, uid in enumerate(residents):
        client.cookies.clear()
        await client.get("/api/health")
        await logged_in(client, f"r{i}@example.org")
        logins[uid] = ("; ".join(f"{k}={v}" for k, v in client.cookies.items()), client.cookies.get("csrftoken"))
    client.cookies.clear()

    async def call(method: str, uid: int, pid: int) -> tuple[str, int, int, int]:
        cookie, token = logins[uid]
        headers = {"cookie": cookie, "x-csrftoken": token}
        url = f"{M}/proposals/{pid}/vote"
        response = await (
            client.post(url, json={"value": 1}, headers=headers)
            if method == "vote"
            else client.delete(url, headers=headers)
        )
        assert response.status_code in (200, 404, 409), response.text
        return method, uid, pid, response.status_code

    # Round 1: everybody votes for every proposal twice, all at once.
    answers = await asyncio.gather(*(call("vote", u, p) for u in residents for p in pids for _ in range(2)))
    acknowledged = {(u, p) for m, u, p, status in answers if status == 200}
    assert len(acknowledged) == sum(1 for *_, status in answers if status == 200) == LIMIT * RESIDENTS
    assert await _consistent(cid, residents) == acknowledged

    # Round 2: everybody takes back one vote they hold and, at the same time, votes for the proposals they do not
    # hold yet; each vote may find the freed place or not, but the books must balance.
    rng = random.Random(4)
    calls = []
    withdrawn = set()
    for uid in residents:
        held = [p for u, p in acknowledged if u == uid]
        back = rng.choice(held)
        withdrawn.add((uid, back))
        calls.append(call("withdraw", uid, back))
        calls += [call("vote", uid, p) for p in pids if (uid, p) not in acknowledged]
    rng.shuffle(calls)
    answers = await asyncio.gather(*calls)
    assert all(status == 200 for m, *_, status in answers if m == "withdraw")
    stored = await _consistent(cid, residents)
    new = {(u, p) for m, u, p, status in answers if m == "vote" and status == 200}
    assert stored == (acknowledged - withdrawn) | new


async def test_votes_arriving_together_in_one_worker_are_grouped_and_every_answer_matches_the_rows(
    taunusstein, many_contributions
):
    cid, anna = await setup(taunusstein, vote_limit=LIMIT)
    pids = [await proposal(taunusstein, cid, anna, f"Idee {i}") for i in range(PROPOSALS)]
    residents = [
        await person(f"r{i}@example.org", roles=(Role.RESIDENT,), municipality=taunusstein) for i in range(RESIDENTS)
    ]
    actors = {uid: await actor_in(uid, taunusstein.id) for uid in residents}
    sent = dict(vote_batch.SENT)

    async def cast(uid: int, pid: int) -> tuple[int, int, str]:
        try:
            result = await services.vote(taunusstein, pid, actors[uid])
        except DomainError as error:
            return uid, pid, type(error).__name__
        assert result.my_vote == 1 and result.votes_used <= LIMIT
        return uid, pid, "ok"

    answers = await asyncio.gather(*(cast(u, p) for u in residents for p in pids for _ in range(2)))
    assert {outcome for *_, outcome in answers} == {"ok", "AlreadyVoted", "VoteLimitReached"}
    acknowledged = {(u, p) for u, p, outcome in answers if outcome == "ok"}
    assert len(acknowledged) == sum(1 for *_, outcome in answers if outcome == "ok") == LIMIT * RESIDENTS
    assert await _consistent(cid, residents) == acknowledged
    back = await asyncio.gather(*(services.withdraw_vote(taunusstein, p, actors[u]) for u, p in acknowledged))
    assert all(result.my_vote is None for result in back)
    assert await _consistent(cid, residents) == set()
    if Proposal._meta.db.engine_type == "postgres":
        # The calls really were grouped (otherwise this test would prove nothing about the batches).
        batches, items = vote_batch.SENT["batches"] - sent["batches"], vote_batch.SENT["items"] - sent["items"]
        assert items >= 2 * len(answers) / 3 and batches < items / 4


async def test_two_workers_batches_over_the_same_people_in_opposite_orders_do_not_deadlock(
    taunusstein, many_contributions
):
    if Proposal._meta.db.engine_type != "postgres":
        pytest.skip("the batch statement exists on PostgreSQL only")
    cid, anna = await setup(taunusstein, vote_limit=LIMIT)
    pids = [await proposal(taunusstein, cid, anna, f"Idee {i}") for i in range(PROPOSALS)]
    residents = [
        await person(f"r{i}@example.org", roles=(Role.RESIDENT,), municipality=taunusstein) for i in range(RESIDENTS)
    ]
    dsn = os.environ["DATABASE_URL"]
    workers = [await asyncpg.connect(dsn) for _ in range(2)]
    rng = random.Random(9)
    now = clock.now()
    acknowledged: set[tuple[int, int]] = set()
    try:
        for _ in range(12):
            batches = []
            for _worker in workers:
                items = [(p, u, rng.choice((1, 1, 0))) for u in residents for p in pids if rng.random() < 0.5]
                rng.shuffle(items)
                batches.append(items)

            async def send(connection: asyncpg.Connection, items: list[tuple[int, int, int]]) -> list[asyncpg.Record]:
                rows: list[asyncpg.Record] = await connection.fetch(
                    vote_batch.BATCH,
                    [p for p, _, _ in items],
                    [taunusstein.id] * len(items),
                    [u for _, u, _ in items],
                    [v for _, _, v in items],
                    [now] * len(items),
                    [True] * len(items),
                    now,
                )
                return rows

            results = await asyncio.gather(*(send(c, b) for c, b in zip(workers, batches, strict=True)))
            for items, rows in zip(batches, results, strict=True):
                outcomes = {row["r_outcome"] for row in rows}
                assert outcomes <= {"ok", "already-voted", "vote-limit-reached", "no-vote"}
                assert [row["r_item"] for row in rows] == list(range(1, len(items) + 1))
            stored = await _consistent(cid, residents)
            for items, rows in zip(batches, results, strict=True):
                acknowledged |= {
                    (u, p) for (p, u, v), row in zip(items, rows, strict=True) if v and row["r_outcome"] == "ok"
                }
            # A vote answered "ok" and not taken back later is stored: the stored pairs only ever come from oks.
            assert stored <= acknowledged
    finally:
        for connection in workers:
            await connection.close()
