"""Who may have which document: the published results for everyone, drafts for admins and council members."""

from __future__ import annotations

from datetime import datetime

from piccolo.query.functions.aggregate import Count, Max, Sum

from backend.documents.tables import ResultsRelease
from geo import clock
from geo.errors import Forbidden
from geo.profile import TOWN_COUNCIL
from geo.roles import Role
from proposals.errors import ConsultationNotFound
from proposals.tables import Comment, Consultation, Proposal, ProposalVote

PUBLIC, INTERNAL = "public", "internal"
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


async def release(municipality_id: int, consultation_id: int, user_id: int) -> datetime:
    """Publish the results (idempotent): the document becomes public and loses its draft mark."""
    await consultation_in(municipality_id, consultation_id)
    existing = await released_at(consultation_id)
    if existing is not None:
        return existing
    moment = clock.now()
    await ResultsRelease(consultation=consultation_id, published_by=user_id, published_at=moment).save()
    return moment


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
