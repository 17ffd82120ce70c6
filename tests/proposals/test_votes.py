"""Votes: one per resident and proposal, a limit per consultation, only while voting is open."""

import asyncio

import pytest

from contributions.actor import actor_in
from geo.errors import DomainError
from geo.roles import Role
from proposals import services
from proposals.errors import AlreadyVoted, VoteLimitReached
from proposals.tables import Proposal, ProposalVote, VoteBudget
from tests.factories import logged_in, person
from tests.proposals.factories import admin_of, consultation, phase, proposal, running
from tests.support.moderation import post_moderated

M = "/api/v1/municipalities/taunusstein"


async def setup(taunusstein, phases=None, **settings):
    await post_moderated(taunusstein)
    admin = await admin_of(taunusstein)
    cid = await consultation(taunusstein, admin, phases, **settings)
    anna = await person("anna@example.org", roles=(Role.RESIDENT,), municipality=taunusstein, name="Anna")
    return cid, anna


async def test_a_resident_supports_once_a_second_vote_is_refused_and_can_withdraw(client, taunusstein):
    cid, anna = await setup(taunusstein)
    pid = await proposal(taunusstein, cid, anna)
    await person("ben@example.org", roles=(Role.RESIDENT,), municipality=taunusstein)
    await logged_in(client, "ben@example.org")
    first = await client.post(f"{M}/proposals/{pid}/vote", json={"value": 1})
    assert first.status_code == 200 and first.json()["support_count"] == 1 and first.json()["my_vote"] == 1
    again = await client.post(f"{M}/proposals/{pid}/vote", json={"value": 1})
    assert again.status_code == 409 and again.json()["errors"][0]["field"] == "proposal"
    assert (await client.get(f"{M}/proposals/{pid}")).json()["support_count"] == 1
    back = await client.delete(f"{M}/proposals/{pid}/vote")
    assert back.status_code == 200 and back.json()["support_count"] == 0 and back.json()["my_vote"] is None
    assert (await client.delete(f"{M}/proposals/{pid}/vote")).status_code == 404


async def test_the_vote_limit_counts_across_the_consultation_and_a_withdrawn_vote_comes_back(client, taunusstein):
    cid, anna = await setup(taunusstein, vote_limit=2)
    pids = [await proposal(taunusstein, cid, anna, f"Vorschlag Nummer {i}") for i in range(3)]
    await logged_in(client, "anna@example.org")
    assert (await client.post(f"{M}/proposals/{pids[0]}/vote", json={})).json()["votes_left"] == 1
    assert (await client.post(f"{M}/proposals/{pids[1]}/vote", json={})).json()["votes_left"] == 0
    third = await client.post(f"{M}/proposals/{pids[2]}/vote", json={})
    assert third.status_code == 409 and "alle 2 Stimmen" in third.json()["detail_de"]
    assert (await client.get(f"{M}/proposals/{pids[2]}")).json()["support_count"] == 0
    await client.delete(f"{M}/proposals/{pids[0]}/vote")
    assert (await client.post(f"{M}/proposals/{pids[2]}/vote", json={})).status_code == 200
    me = (await client.get(f"{M}/consultations/{cid}")).json()["me"]
    assert me["votes_used"] == 2 and me["votes_left"] == 0


async def test_against_votes_only_in_for_against_mode(client, taunusstein):
    cid, anna = await setup(taunusstein)
    pid = await proposal(taunusstein, cid, anna)
    await logged_in(client, "anna@example.org")
    refused = await client.post(f"{M}/proposals/{pid}/vote", json={"value": -1})
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "value"
    cid2 = await consultation(taunusstein, await admin_of(taunusstein, "admin2@example.org"), voting_mode="for_against")
    pid2 = await proposal(taunusstein, cid2, anna)
    against = await client.post(f"{M}/proposals/{pid2}/vote", json={"value": -1})
    assert against.status_code == 200 and against.json()["against_count"] == 1


async def test_votes_only_in_a_voting_phase_and_only_logged_in(client, taunusstein):
    cid, anna = await setup(taunusstein, phases=running(may_propose=True, may_comment=True))
    pid = await proposal(taunusstein, cid, anna)
    assert (await client.post(f"{M}/proposals/{pid}/vote", json={})).status_code == 401
    await logged_in(client, "anna@example.org")
    closed = await client.post(f"{M}/proposals/{pid}/vote", json={})
    assert closed.status_code == 403 and "abstimmen" in closed.json()["detail_de"]
    assert await ProposalVote.count() == 0


async def test_a_vote_cannot_be_withdrawn_after_voting_closed(client, taunusstein):
    cid, anna = await setup(taunusstein)
    pid = await proposal(taunusstein, cid, anna)
    await logged_in(client, "anna@example.org")
    await client.post(f"{M}/proposals/{pid}/vote", json={})
    from proposals.tables import Phase

    await Phase.update({Phase.may_vote: False}).where(Phase.consultation == cid)
    assert (await client.delete(f"{M}/proposals/{pid}/vote")).status_code == 403
    assert (await client.get(f"{M}/proposals/{pid}")).json()["support_count"] == 1


async def test_residents_only_voting_refuses_accounts_without_the_role(client, taunusstein):
    cid, anna = await setup(taunusstein, residents_only=True)
    pid = await proposal(taunusstein, cid, anna)
    await person("visitor@example.org")
    await logged_in(client, "visitor@example.org")
    response = await client.post(f"{M}/proposals/{pid}/vote", json={})
    assert response.status_code == 403 and "Einwohner" in response.json()["detail_de"]


async def _outcomes(calls):
    results = await asyncio.gather(*calls, return_exceptions=True)
    unexpected = [r for r in results if isinstance(r, Exception) and not isinstance(r, DomainError)]
    assert unexpected == [], unexpected
    return results


async def test_concurrent_votes_never_exceed_the_limit_and_none_is_counted_twice(taunusstein, many_contributions):
    """Many votes at once on separate connections (PostgreSQL: real concurrency; SQLite: serialised writers)."""
    limit, proposals_n, residents_n = 3, 8, 4
    cid, anna = await setup(taunusstein, vote_limit=limit)
    pids = [await proposal(taunusstein, cid, anna, f"Idee {i}") for i in range(proposals_n)]
    residents = [
        await person(f"r{i}@example.org", roles=(Role.RESIDENT,), municipality=taunusstein) for i in range(residents_n)
    ]
    # Every resident votes for every proposal, twice, all at the same time.
    actors = [await actor_in(uid, taunusstein.id) for uid in residents]
    calls = [services.vote(taunusstein, pid, actor) for actor in actors for pid in pids for _ in range(2)]
    results = await _outcomes(calls)
    accepted = [r for r in results if not isinstance(r, Exception)]
    refused = [r for r in results if isinstance(r, AlreadyVoted | VoteLimitReached)]
    assert len(accepted) == limit * residents_n
    assert len(accepted) + len(refused) == len(calls)
    for uid in residents:
        assert await ProposalVote.count().where(ProposalVote.user == uid) == limit
        budget = await VoteBudget.select(VoteBudget.used).where(VoteBudget.user == uid).first()
        assert budget["used"] == limit
    supports = await Proposal.select(Proposal.id, Proposal.support_count).where(Proposal.consultation == cid)
    votes = await ProposalVote.count()
    assert sum(p["support_count"] for p in supports) == votes == limit * residents_n
    for row in supports:
        assert row["support_count"] == await ProposalVote.count().where(ProposalVote.proposal == row["id"])


async def test_concurrent_votes_and_withdrawals_keep_counters_equal_to_the_rows(taunusstein):
    cid, anna = await setup(taunusstein, vote_limit=2)
    pids = [await proposal(taunusstein, cid, anna, f"Idee {i}") for i in range(4)]
    voter = await actor_in(anna, taunusstein.id)
    await services.vote(taunusstein, pids[0], voter)
    calls = [services.withdraw_vote(taunusstein, pids[0], voter) for _ in range(3)]
    calls += [services.vote(taunusstein, pid, voter) for pid in pids[1:] for _ in range(2)]
    await _outcomes(calls)
    votes = await ProposalVote.count().where(ProposalVote.user == anna)
    budget = await VoteBudget.select(VoteBudget.used).where(VoteBudget.user == anna).first()
    assert votes == budget["used"] <= 2
    supports = await Proposal.select(Proposal.support_count).where(Proposal.consultation == cid)
    assert sum(p["support_count"] for p in supports) == votes


@pytest.mark.parametrize("when", ["before", "after"])
async def test_outside_the_voting_dates_no_vote_is_taken(taunusstein, when):
    days = (3, 9) if when == "before" else (-9, -3)
    cid, anna = await setup(
        taunusstein, phases=[phase("Vorschläge", -20, -10, may_propose=True), phase("Abstimmung", *days, may_vote=True)]
    )
    # Proposals came in during the (past) proposal phase: written directly here.
    pid = await proposal_in_past(cid, anna)
    with pytest.raises(DomainError):
        await services.vote(taunusstein, pid, await actor_in(anna, taunusstein.id))
    assert await ProposalVote.count() == 0


async def proposal_in_past(cid, author):
    row = Proposal(consultation=cid, author=author, title="Alt", visibility="public")
    await row.save()
    return row.id
