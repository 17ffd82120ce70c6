"""Who may have which document: the published results for everyone, drafts for admins and council members."""

from __future__ import annotations

from datetime import datetime, timedelta

from piccolo.query.functions.aggregate import Count, Max, Sum

from backend.documents.tables import ResultsRelease
from geo import clock
from geo.clock import aware
from geo.errors import Conflict, Forbidden
from geo.profile import TOWN_COUNCIL
from geo.roles import Role
from moderation import audit
from proposals.errors import ConsultationNotFound
from proposals.services.context import phases_of
from proposals.tables import Comment, Consultation, Proposal, ProposalVote

PUBLIC, INTERNAL = "public", "internal"
UNDO_WINDOW = timedelta(hours=24)  # how long a publication can be taken back
DRAFT_ROLES = frozenset({Role.ADMIN, Role.COUNCIL})


class DocumentNotYetPublic(Forbidden):
    code = "document-not-yet-public"

    def __init__(self, council_name: str = TOWN_COUNCIL) -> None:
        super().__init__(
            "Der Ergebnisbericht ist noch nicht veröffentlicht. "
            f"Bis dahin sehen ihn nur die Verwaltung und die Mitglieder des Gremiums „{council_name}“.",
            "The results document is not yet published. "
            f"Until then only the administration and the members of the {council_name} see it.",
            field="consultation_id",
        )


class VotingStillOpen(Conflict):
    code = "voting-still-open"

    def __init__(self, ends_at: datetime) -> None:
        day = ends_at.strftime("%d.%m.%Y")
        super().__init__(
            f"Die Abstimmung läuft noch (bis {day}). Ergebnisse können erst danach veröffentlicht werden.",
            f"Voting is still open (until {ends_at.date().isoformat()}). Results can be published only after that.",
            field="consultation_id",
            voting_ends_at=ends_at.isoformat(),
        )


class UndoTooLate(Conflict):
    code = "publication-undo-too-late"

    def __init__(self) -> None:
        hours = int(UNDO_WINDOW.total_seconds() // 3600)
        super().__init__(
            f"Die Veröffentlichung lässt sich nur in den ersten {hours} Stunden zurücknehmen.",
            f"A publication can be taken back only within its first {hours} hours.",
            field="consultation_id",
        )


class NotPublished(Conflict):
    code = "results-not-published"

    def __init__(self) -> None:
        super().__init__(
            "Die Ergebnisse sind nicht veröffentlicht.", "The results are not published.", field="consultation_id"
        )


async def consultation_in(municipality_id: int, consultation_id: int) -> dict:
    row = (
        await Consultation.select(Consultation.id, Consultation.title, Consultation.status)
        .where((Consultation.id == consultation_id) & (Consultation.municipality == municipality_id))
        .first()
    )
    if row is None:
        raise ConsultationNotFound()
    return row


async def released_at(consultation_id: int) -> datetime | None:
    row = (
        await ResultsRelease.select(ResultsRelease.published_at)
        .where(ResultsRelease.consultation == consultation_id)
        .first()
    )
    return row["published_at"] if row else None


async def audience(consultation_id: int, roles: frozenset[Role], council_name: str = TOWN_COUNCIL) -> str:
    """`public` once results are released, `internal` (a draft) for admins and council before; else refused."""
    if await released_at(consultation_id) is not None:
        return PUBLIC
    if roles & DRAFT_ROLES:
        return INTERNAL
    raise DocumentNotYetPublic(council_name)


async def voting_open_until(consultation: dict) -> datetime | None:
    """The end of the phase in which people vote right now (a published consultation), or None."""
    if consultation["status"] != "published":
        return None
    now = clock.now()
    for phase in (await phases_of([consultation["id"]]))[consultation["id"]]:
        if phase["may_vote"] and aware(phase["starts_at"]) <= now < aware(phase["ends_at"]):
            return aware(phase["ends_at"])
    return None


def undo_until(published_at: datetime | None) -> datetime | None:
    return aware(published_at) + UNDO_WINDOW if published_at is not None else None


async def release(municipality_id: int, consultation_id: int, user_id: int) -> datetime:
    """Publish the results (idempotent): the document becomes public and loses its draft mark.
    Refused while people can still vote: the results would be incomplete and influence the vote."""
    consultation = await consultation_in(municipality_id, consultation_id)
    existing = await released_at(consultation_id)
    if existing is not None:
        return existing
    ends = await voting_open_until(consultation)
    if ends is not None:
        raise VotingStillOpen(ends)
    moment = clock.now()
    async with ResultsRelease._meta.db.transaction():
        await ResultsRelease(consultation=consultation_id, published_by=user_id, published_at=moment).save()
        await audit.record(
            municipality_id,
            "results_published",
            actor_id=user_id,
            after={"consultation_id": consultation_id, "title": consultation["title"]},
        )
    return moment


async def withdraw(municipality_id: int, consultation_id: int, user_id: int) -> None:
    """Take a publication back within UNDO_WINDOW: the document is a draft again, for admins and council."""
    consultation = await consultation_in(municipality_id, consultation_id)
    published = await released_at(consultation_id)
    if published is None:
        raise NotPublished()
    if clock.now() >= aware(published) + UNDO_WINDOW:
        raise UndoTooLate()
    async with ResultsRelease._meta.db.transaction():
        await ResultsRelease.delete().where(ResultsRelease.consultation == consultation_id)
        await audit.record(
            municipality_id,
            "results_withdrawn",
            actor_id=user_id,
            before={"consultation_id": consultation_id, "title": consultation["title"], "published_at": published},
        )


async def fingerprint(consultation_id: int) -> str:
    """Changes whenever anything the document shows changes, so a cached file is never stale."""
    proposals = (
        await Proposal.select(
            Count(alias="n"),
            Max(Proposal.updated_at, alias="changed"),
            Max(Proposal.answer_published_at, alias="answered"),
            Sum(Proposal.support_count, alias="support"),
            Sum(Proposal.comment_count, alias="comments"),
        )
        .where((Proposal.consultation == consultation_id) & (Proposal.visibility == "public"))
        .first()
    )
    comments = (
        await Comment.select(
            Count(alias="n"),
            Max(Comment.id, alias="last"),
            Sum(Comment.up_count, alias="up"),
            Max(Comment.edited_at, alias="edited"),
        )
        .where((Comment.proposal.consultation == consultation_id) & (Comment.visibility == "public"))
        .first()
    )
    votes = (
        await ProposalVote.select(Count(alias="n"), Max(ProposalVote.id, alias="last"))
        .where(ProposalVote.consultation == consultation_id)
        .first()
    )
    parts = [proposals or {}, comments or {}, votes or {}]
    return "|".join(str(value) for part in parts for value in part.values())


async def public_proposal_count(consultation_id: int) -> int:
    return await Proposal.count().where((Proposal.consultation == consultation_id) & (Proposal.visibility == "public"))
