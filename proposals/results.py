"""The results of a consultation as the council reads them: figures, rankings, answers, voices.

Only public (approved) contributions count. Proposals are yielded in batches together with their most
supported approved comments for and against, so a report over 20,000 comments never holds them all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from piccolo.query.functions.aggregate import Count

from geo.svg import MapPoint
from moderation.reasons import QUEUE_REASONS, REJECT_REASONS
from moderation.transparency import transparency
from proposals.errors import ConsultationNotFound
from proposals.services.context import aware
from proposals.tables import Comment, Consultation, Phase, Proposal, ProposalVote

PUBLIC = "public"
BATCH = 100
TOP_COMMENTS_PER_STANCE = 2
ACTIONS = {
    "de": {
        "approve": "freigegeben",
        "reject": "entfernt",
        "hide": "verborgen",
        "restore": "wiederhergestellt",
        "redact": "geschwärzt",
        "edit": "bearbeitet",
    },
    "en": {
        "approve": "approved",
        "reject": "removed",
        "hide": "hidden",
        "restore": "restored",
        "redact": "redacted",
        "edit": "edited",
    },
}


@dataclass(frozen=True)
class Totals:
    participants: int
    proposals: int
    comments: int
    votes: int
    successful: int


@dataclass(frozen=True)
class PhaseRow:
    name: str
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class WeekRow:
    label: str
    proposals: int
    comments: int
    votes: int


@dataclass(frozen=True)
class DistrictRow:
    district: str
    proposals: int
    comments: int
    votes: int


@dataclass(frozen=True)
class CommentQuote:
    stance: str
    up: int
    text: str


@dataclass
class RankedProposal:
    rank: int
    id: int
    title: str
    body: str
    district: str | None
    support: int
    against: int
    comments: int
    successful: bool
    answer_status: str | None
    answer_text: str
    lat: float | None
    lon: float | None
    top_comments: list[CommentQuote] = field(default_factory=list)


@dataclass(frozen=True)
class ModerationRow:
    decision: str
    reason: str
    count: int


@dataclass
class ConsultationResults:
    consultation_id: int
    municipality_id: int
    title: str
    summary: str
    body_html: str  # the consultation text, rendered and sanitised on saving (geo.markdown)
    starts_at: datetime | None
    ends_at: datetime | None
    for_against: bool
    totals: Totals
    phases: list[PhaseRow]
    per_week: list[WeekRow]
    per_district: list[DistrictRow]
    map_points: list[MapPoint]
    moderation: list[ModerationRow]
    proposals: AsyncIterator[RankedProposal]


def _public_proposals(consultation_id: int) -> Any:
    return (Proposal.consultation == consultation_id) & (Proposal.visibility == PUBLIC) & (Proposal.withdrawn == False)  # noqa: E712


def _public_comments(consultation_id: int) -> Any:
    return (
        (Comment.proposal.consultation == consultation_id)
        & (Comment.visibility == PUBLIC)
        & (Comment.deleted == False)  # noqa: E712
        & (Comment.proposal.visibility == PUBLIC)
    )


async def _participants(consultation_id: int) -> int:
    authors = await Proposal.select(Proposal.author).where(
        _public_proposals(consultation_id) & Proposal.author.is_not_null()
    )
    commenters = await Comment.select(Comment.author).where(
        _public_comments(consultation_id) & Comment.author.is_not_null()
    )
    voters = await ProposalVote.select(ProposalVote.user).where(
        (ProposalVote.consultation == consultation_id) & ProposalVote.user.is_not_null()
    )
    people = {r["author"] for r in authors} | {r["author"] for r in commenters} | {r["user"] for r in voters}
    return len(people)


def _week(moment: datetime) -> str:
    year, week, _ = aware(moment).isocalendar()
    return f"{year}-KW{week:02d}"


async def _per_week(consultation_id: int) -> list[WeekRow]:
    """Contributions per ISO week; only timestamps are read, never texts."""
    proposals = Counter(
        _week(r["created_at"])
        for r in await Proposal.select(Proposal.created_at).where(_public_proposals(consultation_id))
    )
    comments = Counter(
        _week(r["created_at"])
        for r in await Comment.select(Comment.created_at).where(_public_comments(consultation_id))
    )
    votes = Counter(
        _week(r["created_at"])
        for r in await ProposalVote.select(ProposalVote.created_at).where(ProposalVote.consultation == consultation_id)
    )
    weeks = sorted(set(proposals) | set(comments) | set(votes))
    return [WeekRow(w, proposals[w], comments[w], votes[w]) for w in weeks]


async def _per_district(consultation_id: int, no_district: str) -> list[DistrictRow]:
    proposals = (
        await Proposal.select(Proposal.district.name, Count(alias="n"))
        .where(_public_proposals(consultation_id))
        .group_by(Proposal.district.name)
    )
    comments = (
        await Comment.select(Comment.proposal._.district._.name, Count(alias="n"))
        .where(_public_comments(consultation_id))
        .group_by(Comment.proposal._.district._.name)
    )
    votes = (
        await ProposalVote.select(ProposalVote.proposal._.district._.name, Count(alias="n"))
        .where((ProposalVote.consultation == consultation_id) & (ProposalVote.proposal._.visibility == PUBLIC))
        .group_by(ProposalVote.proposal._.district._.name)
    )
    counts: dict[str, list[int]] = {}
    for index, rows in enumerate((proposals, comments, votes)):
        for row in rows:
            name = next(v for k, v in row.items() if k != "n") or no_district
            counts.setdefault(name, [0, 0, 0])[index] += row["n"]
    return [DistrictRow(name, *values) for name, values in sorted(counts.items(), key=lambda kv: -sum(kv[1]))]


async def _ranked(consultation_id: int, threshold: int) -> AsyncIterator[RankedProposal]:
    """Proposals by support, in batches, each with its most supported approved comments for and against."""
    offset, rank = 0, 0
    while True:
        rows = (
            await Proposal.select(
                Proposal.id,
                Proposal.title,
                Proposal.body,
                Proposal.district.name,
                Proposal.support_count,
                Proposal.against_count,
                Proposal.comment_count,
                Proposal.answer_status,
                Proposal.answer_text,
                Proposal.answer_published_at,
                Proposal.lat,
                Proposal.lon,
            )
            .where(_public_proposals(consultation_id))
            .order_by(Proposal.support_count, ascending=False)
            .order_by(Proposal.id)
            .limit(BATCH)
            .offset(offset)
        )
        if not rows:
            return
        quotes = await _top_comments([r["id"] for r in rows])
        for row in rows:
            rank += 1
            published = row["answer_published_at"] is not None
            yield RankedProposal(
                rank=rank,
                id=row["id"],
                title=row["title"],
                body=row["body"],
                district=row["district.name"],
                support=row["support_count"],
                against=row["against_count"],
                comments=row["comment_count"],
                successful=threshold > 0 and row["support_count"] >= threshold,
                answer_status=row["answer_status"] if published else None,
                answer_text=row["answer_text"] if published else "",
                lat=row["lat"],
                lon=row["lon"],
                top_comments=quotes.get(row["id"], []),
            )
        offset += BATCH


async def _top_comments(proposal_ids: list[int]) -> dict[int, list[CommentQuote]]:
    rows = (
        await Comment.select(Comment.proposal, Comment.stance, Comment.up_count, Comment.text)
        .where(
            Comment.proposal.is_in(proposal_ids)
            & (Comment.visibility == PUBLIC)
            & (Comment.deleted == False)  # noqa: E712
            & Comment.stance.is_in(["pro", "contra"])
            & (Comment.up_count > 0)
        )
        .order_by(Comment.up_count, ascending=False)
        .order_by(Comment.id)
    )
    chosen: dict[int, list[CommentQuote]] = {}
    taken: Counter[tuple[int, str]] = Counter()
    for row in rows:
        key = (row["proposal"], row["stance"])
        if taken[key] < TOP_COMMENTS_PER_STANCE:
            taken[key] += 1
            chosen.setdefault(row["proposal"], []).append(CommentQuote(row["stance"], row["up_count"], row["text"]))
    return chosen


async def _map_points(consultation_id: int) -> list[MapPoint]:
    """One point per located proposal, labelled with its rank (the same order as the ranking)."""
    ranked_all = (
        await Proposal.select(Proposal.lat, Proposal.lon)
        .where(_public_proposals(consultation_id))
        .order_by(Proposal.support_count, ascending=False)
        .order_by(Proposal.id)
    )
    return [
        MapPoint(r["lon"], r["lat"], str(rank)) for rank, r in enumerate(ranked_all, start=1) if r["lat"] is not None
    ]


async def _moderation(municipality_id: int, consultation_id: int, lang: str) -> list[ModerationRow]:
    rows = await transparency(municipality_id, context_id=consultation_id)
    index = 0 if lang == "de" else 1
    merged: Counter[tuple[str, str]] = Counter()
    for row in rows:
        decision = ACTIONS[lang].get(row.action, row.action)
        label = REJECT_REASONS.get(row.reason) or QUEUE_REASONS.get(row.reason)
        merged[(decision, label[index] if label else (row.reason or "–"))] += row.count
    return [ModerationRow(decision, reason, count) for (decision, reason), count in sorted(merged.items())]


async def _totals(consultation_id: int, successful: int = 0) -> Totals:
    return Totals(
        participants=await _participants(consultation_id),
        proposals=await Proposal.count().where(_public_proposals(consultation_id)),
        comments=await Comment.count().where(_public_comments(consultation_id)),
        votes=await ProposalVote.count().where(
            (ProposalVote.consultation == consultation_id) & (ProposalVote.proposal._.visibility == PUBLIC)
        ),
        successful=successful,
    )


@dataclass(frozen=True)
class ConsultationFigures:
    id: int
    title: str
    status: str  # published | archived
    totals: Totals


async def participation_overview(municipality_id: int) -> list[ConsultationFigures]:
    """Participants, proposals, comments and votes of every published or archived consultation, newest first;
    counted as the results report counts them (public contributions only)."""
    consultations = (
        await Consultation.select(Consultation.id, Consultation.title, Consultation.status)
        .where((Consultation.municipality == municipality_id) & (Consultation.status != "draft"))
        .order_by(Consultation.created_at, ascending=False)
        .order_by(Consultation.id, ascending=False)
    )
    return [ConsultationFigures(c["id"], c["title"], c["status"], await _totals(c["id"])) for c in consultations]


async def consultation_results(municipality_id: int, consultation_id: int, *, lang: str = "de") -> ConsultationResults:
    """Everything the results report shows; raises nothing for an empty consultation (all zero)."""
    consultation = (
        await Consultation.select()
        .where((Consultation.id == consultation_id) & (Consultation.municipality == municipality_id))
        .first()
    )
    if consultation is None:
        raise ConsultationNotFound()
    phases = await Phase.select().where(Phase.consultation == consultation_id).order_by(Phase.position)
    threshold = consultation["support_threshold"]
    successful = (
        await Proposal.count().where(_public_proposals(consultation_id) & (Proposal.support_count >= max(threshold, 1)))
        if threshold
        else 0
    )
    totals = await _totals(consultation_id, successful)
    name_key = "name_de" if lang == "de" else "name_en"
    return ConsultationResults(
        consultation_id=consultation_id,
        municipality_id=municipality_id,
        title=consultation["title"],
        summary=consultation["summary"],
        body_html=consultation["body_html"],
        starts_at=aware(phases[0]["starts_at"]) if phases else None,
        ends_at=aware(phases[-1]["ends_at"]) if phases else None,
        for_against=consultation["voting_mode"] == "for_against",
        totals=totals,
        phases=[PhaseRow(p[name_key] or p["name_de"], aware(p["starts_at"]), aware(p["ends_at"])) for p in phases],
        per_week=await _per_week(consultation_id),
        per_district=await _per_district(consultation_id, "ohne Stadtteil" if lang == "de" else "no district"),
        map_points=await _map_points(consultation_id),
        moderation=await _moderation(municipality_id, consultation_id, lang),
        proposals=_ranked(consultation_id, threshold),
    )


async def open_data_rows(consultation_id: int) -> AsyncIterator[dict[str, Any]]:
    """Public proposals as open data: no author, no personal data; batched so memory stays flat."""
    offset = 0
    while True:
        rows = (
            await Proposal.select(
                Proposal.id,
                Proposal.title,
                Proposal.body,
                Proposal.category,
                Proposal.district._.name.as_alias("district"),
                Proposal.lat,
                Proposal.lon,
                Proposal.support_count,
                Proposal.against_count,
                Proposal.comment_count,
                Proposal.answer_status,
                Proposal.answer_text,
                Proposal.answer_published_at,
                Proposal.created_at,
            )
            .where(_public_proposals(consultation_id))
            .order_by(Proposal.id)
            .limit(BATCH * 5)
            .offset(offset)
        )
        if not rows:
            return
        for row in rows:
            published = row.pop("answer_published_at") is not None
            yield {
                **row,
                "answer_status": row["answer_status"] if published else None,
                "answer_text": row["answer_text"] if published else "",
                "created_at": aware(row["created_at"]).isoformat(),
            }
        offset += BATCH * 5
