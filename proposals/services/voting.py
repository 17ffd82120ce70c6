"""Votes on proposals: one per person and proposal, at most `vote_limit` per person and consultation.

Both limits hold under concurrent requests without an application lock:
- the unique index (proposal, user) makes a second vote on the same proposal insert nothing
  (INSERT … ON CONFLICT DO NOTHING RETURNING id);
- the budget row (consultation, user) is incremented by one conditional UPDATE
  (`… SET used = used + 1 WHERE used < limit RETURNING used`). On PostgreSQL the UPDATE takes the row
  lock and re-checks the condition after a concurrent writer commits, so two racing votes cannot both
  pass the limit; on SQLite the write transaction (BEGIN IMMEDIATE) serialises writers anyway.
If either step refuses, the domain error rolls the whole transaction back: the vote, the budget and
the proposal's counters change together or not at all.

On PostgreSQL votes and withdrawals are grouped per worker (proposals/services/vote_batch.py): the function
`proposal_vote_batch` runs the same checks and writes for many of them in one statement and one commit, and each
request is answered from its row after the commit. Inside a transaction one vote is one call of
`proposal_vote_cast` (migration proposals_2026_12_02t18_05). Only when the database says 'check' (a refusal
other than "already voted", "limit reached" or "no vote") does the slower path below run, to raise the error
that explains the refusal. SQLite always takes that path. Every path locks in the same order: the vote, the
budget, the proposal.
"""

from __future__ import annotations

from datetime import datetime

from contributions.actor import Actor
from geo import clock
from geo.roles import Role
from geo.tables import Municipality
from proposals.errors import AlreadyVoted, InvalidInput, NoVote, VoteLimitReached, VotingClosed
from proposals.schemas import VoteResult
from proposals.services import vote_batch
from proposals.services.context import consultation_at
from proposals.services.contributions import explain_refusal, proposal_row
from proposals.tables import Proposal, VoteBudget


async def _budget_used(consultation_id: int, user_id: int) -> int:
    row = (
        await VoteBudget.select(VoteBudget.used)
        .where((VoteBudget.consultation == consultation_id) & (VoteBudget.user == user_id))
        .first()
    )
    return int(row["used"]) if row else 0


async def _result(proposal_id: int, consultation_id: int, user_id: int, limit: int, my_vote: int | None) -> VoteResult:
    counts = (
        await Proposal.select(Proposal.support_count, Proposal.against_count).where(Proposal.id == proposal_id).first()
    )
    assert counts is not None
    used = await _budget_used(consultation_id, user_id)
    return VoteResult(
        my_vote=my_vote,
        support_count=counts["support_count"],
        against_count=counts["against_count"],
        votes_used=used,
        votes_left=max(0, limit - used) if limit else None,
    )


CAST_VOTE = (
    "SELECT r_outcome, r_support, r_against, r_used, r_limit FROM proposal_vote_cast($1, $2, $3, $4, $5, $6, $7)"
)


async def _cast_in_one_statement(
    municipality: Municipality, proposal_id: int, actor: Actor, value: int, now: datetime
) -> VoteResult | None:
    """PostgreSQL: the whole vote in one call (grouped with others where possible); None when the slower path
    must explain a refusal."""
    resident = Role.RESIDENT in actor.roles
    row = await vote_batch.submit(proposal_id, municipality.id, actor.id, value, now, resident)
    if row is None:  # inside a transaction
        args = (proposal_id, municipality.id, actor.id, value, now, resident, clock.now())
        rows = await Proposal.raw(CAST_VOTE.replace("$1, $2, $3, $4, $5, $6, $7", "{}, {}, {}, {}, {}, {}, {}"), *args)
        row = rows[0]
    outcome = row["r_outcome"]
    if outcome == "ok":
        limit, used = int(row["r_limit"]), int(row["r_used"])
        return VoteResult(
            my_vote=value,
            support_count=row["r_support"],
            against_count=row["r_against"],
            votes_used=used,
            votes_left=max(0, limit - used) if limit else None,
        )
    if outcome == "already-voted":
        raise AlreadyVoted()
    if outcome == "vote-limit-reached":
        raise VoteLimitReached(int(row["r_limit"]))
    return None


async def vote(
    municipality: Municipality, proposal_id: int, actor: Actor, value: int = 1, now: datetime | None = None
) -> VoteResult:
    user_id = actor.id
    if Proposal._meta.db.engine_type == "postgres" and value in (1, -1):
        cast = await _cast_in_one_statement(municipality, proposal_id, actor, value, now or clock.now())
        if cast is not None:
            return cast
    row = await proposal_row(municipality, proposal_id, actor)
    consultation = await consultation_at(municipality, row["consultation"], actor, now)
    if not consultation.may_vote(actor):
        if consultation.rights is not None and consultation.rights.may_vote:
            explain_refusal(consultation, actor, "abstimmen", "vote")
        raise VotingClosed()
    if row["withdrawn"] or row["visibility"] != "public":
        raise InvalidInput(
            "Für diesen Vorschlag kann man nicht abstimmen.", "You cannot vote on this proposal.", field="proposal"
        )
    if value == -1 and consultation.row["voting_mode"] != "for_against":
        raise InvalidInput(
            "In diesem Verfahren kann man Vorschläge nur unterstützen.",
            "In this consultation proposals can only be supported.",
            field="value",
        )
    limit = int(consultation.row["vote_limit"])
    consultation_id = consultation.id
    db = Proposal._meta.db
    async with db.transaction():
        inserted = await Proposal.raw(
            'INSERT INTO proposal_vote (proposal, consultation, "user", value, created_at) '
            "VALUES ({}, {}, {}, {}, {}) ON CONFLICT DO NOTHING RETURNING id",
            proposal_id,
            consultation_id,
            user_id,
            value,
            clock.now(),
        )
        if not inserted:
            raise AlreadyVoted()
        await Proposal.raw(
            'INSERT INTO vote_budget (consultation, "user", used) VALUES ({}, {}, 0) ON CONFLICT DO NOTHING',
            consultation_id,
            user_id,
        )
        if limit:
            spent = await Proposal.raw(
                'UPDATE vote_budget SET used = used + 1 WHERE consultation = {} AND "user" = {} AND used < {} '
                "RETURNING used",
                consultation_id,
                user_id,
                limit,
            )
            if not spent:
                raise VoteLimitReached(limit)
        else:
            await Proposal.raw(
                'UPDATE vote_budget SET used = used + 1 WHERE consultation = {} AND "user" = {}',
                consultation_id,
                user_id,
            )
        counter = Proposal.support_count if value == 1 else Proposal.against_count
        await Proposal.update({counter: counter + 1}).where(Proposal.id == proposal_id)
    return await _result(proposal_id, consultation_id, user_id, limit, value)


async def withdraw_vote(
    municipality: Municipality, proposal_id: int, actor: Actor, now: datetime | None = None
) -> VoteResult:
    """Take a vote back while voting is open; the vote returns to the person's budget."""
    user_id = actor.id
    if Proposal._meta.db.engine_type == "postgres":
        done = await vote_batch.submit(proposal_id, municipality.id, user_id, 0, now or clock.now(), False)
        if done is not None and done["r_outcome"] == "ok":
            limit, used = int(done["r_limit"]), int(done["r_used"])
            return VoteResult(
                my_vote=None,
                support_count=done["r_support"],
                against_count=done["r_against"],
                votes_used=used,
                votes_left=max(0, limit - used) if limit else None,
            )
        if done is not None and done["r_outcome"] == "no-vote":
            raise NoVote()
    row = await proposal_row(municipality, proposal_id, actor)
    consultation = await consultation_at(municipality, row["consultation"], actor, now)
    if consultation.rights is None or not consultation.rights.may_vote or consultation.status != "published":
        raise VotingClosed()
    limit = int(consultation.row["vote_limit"])
    async with Proposal._meta.db.transaction():
        removed = await Proposal.raw(
            'DELETE FROM proposal_vote WHERE proposal = {} AND "user" = {} RETURNING value', proposal_id, user_id
        )
        if not removed:
            raise NoVote()
        await Proposal.raw(
            'UPDATE vote_budget SET used = used - 1 WHERE consultation = {} AND "user" = {} AND used > 0',
            consultation.id,
            user_id,
        )
        counter = Proposal.support_count if removed[0]["value"] == 1 else Proposal.against_count
        await Proposal.update({counter: counter - 1}).where(Proposal.id == proposal_id)
    return await _result(proposal_id, consultation.id, user_id, limit, None)
