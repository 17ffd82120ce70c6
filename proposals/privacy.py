"""What participation holds about a person (DSGVO export) and how it forgets them (account deletion).

Proposals and comments stay public, anonymised: the author column is set to NULL, so threads stay readable.
Votes still count but no longer name anyone; comment votes and vote budgets go.
"""

from __future__ import annotations

from typing import Any

from proposals.tables import (
    Comment,
    CommentVote,
    Proposal,
    ProposalVote,
    VoteBudget,
)


async def export_proposals(user_id: int) -> list[dict[str, Any]]:
    rows = await Proposal.select(
        Proposal.id,
        Proposal.consultation._.municipality._.slug.as_alias("municipality"),
        Proposal.consultation,
        Proposal.title,
        Proposal.body,
        Proposal.category,
        Proposal.lat,
        Proposal.lon,
        Proposal.visibility,
        Proposal.withdrawn,
        Proposal.created_at,
        Proposal.updated_at,
    ).where(Proposal.author == user_id)
    return list(rows)


async def erase_proposals(user_id: int) -> None:
    await Proposal.update({Proposal.author: None}).where(Proposal.author == user_id)


async def export_comments(user_id: int) -> list[dict[str, Any]]:
    rows = await Comment.select(
        Comment.id,
        Comment.proposal,
        Comment.parent,
        Comment.stance,
        Comment.text,
        Comment.visibility,
        Comment.deleted,
        Comment.created_at,
        Comment.edited_at,
    ).where(Comment.author == user_id)
    return list(rows)


async def erase_comments(user_id: int) -> None:
    await Comment.update({Comment.author: None}).where(Comment.author == user_id)


async def export_votes(user_id: int) -> dict[str, Any]:
    votes = await ProposalVote.select(
        ProposalVote.proposal, ProposalVote.consultation, ProposalVote.value, ProposalVote.created_at
    ).where(ProposalVote.user == user_id)
    comment_votes = await CommentVote.select(CommentVote.comment, CommentVote.value).where(CommentVote.user == user_id)
    return {
        "proposal_votes": list(votes),
        "comment_votes": list(comment_votes),
    }


async def erase_votes(user_id: int) -> None:
    """Votes keep counting, without a name; the per-person rows behind them go."""
    await ProposalVote.update({ProposalVote.user: None}).where(ProposalVote.user == user_id)
    await VoteBudget.delete().where(VoteBudget.user == user_id)
    await CommentVote.delete().where(CommentVote.user == user_id)
