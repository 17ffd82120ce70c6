"""Use cases of proposals: write (with up to three photos, in one transaction), edit, withdraw, show."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from piccolo.query.base import Query

from contributions import following as follows
from contributions import photos as contribution_photos
from contributions.actor import Actor
from contributions.following import PROPOSAL, Target
from contributions.links import Links
from geo import clock
from geo import services as geo
from geo.frozen import frozen
from geo.schemas import Location
from geo.tables import Municipality
from media.photos import PhotoStore
from moderation import hook
from moderation.hook import Contribution, Outcome, Visibility
from proposals import area, rules
from proposals.errors import NotAllowed, NotAResident, PhaseClosed, ProposalNotFound
from proposals.schemas import (
    Answer,
    District,
    Proposal,
    ProposalCreate,
    ProposalSummary,
)
from proposals.services.context import ConsultationAt, consultation_at
from proposals.tables import Comment, ProposalVote
from proposals.tables import Proposal as ProposalRow

CONTENT_TYPE = "proposal"
ANONYMOUS_NAME = "Anonym"
SORTS = {
    "newest": (ProposalRow.id, False),
    "oldest": (ProposalRow.id, True),
    "most_supported": (ProposalRow.support_count, False),
    "most_discussed": (ProposalRow.comment_count, False),
}
LISTED = (ProposalRow.visibility == Visibility.PUBLIC) & (ProposalRow.withdrawn == False)  # noqa: E712
SUMMARY_COLUMNS = (
    ProposalRow.id,
    ProposalRow.consultation,
    ProposalRow.title,
    ProposalRow.category,
    ProposalRow.lat,
    ProposalRow.lon,
    ProposalRow.district,
    ProposalRow.district.name.as_alias("district_name"),
    ProposalRow.author,
    ProposalRow.author.first_name.as_alias("author_name"),
    ProposalRow.created_at,
    ProposalRow.support_count,
    ProposalRow.against_count,
    ProposalRow.comment_count,
    ProposalRow.withdrawn,
    ProposalRow.answer_status,
    ProposalRow.answer_published_at,
    ProposalRow.answer_text.as_alias("summary_answer_text"),
)


def display_name(name: str | None) -> str:
    """Authors appear by display name, never by e-mail address."""
    return (name or "").strip() or ANONYMOUS_NAME


def summary_of(row: dict[str, Any], threshold: int) -> ProposalSummary:
    return ProposalSummary(**summary_fields(row, threshold))


def summary_fields(row: dict[str, Any], threshold: int) -> dict[str, Any]:
    has_pin = row["lat"] is not None and row["lon"] is not None
    return {
        "id": row["id"],
        "title": row["title"],
        "category": row["category"],
        "location": Location(lat=row["lat"], lon=row["lon"]) if has_pin else None,
        "district": District(id=row["district"], name=row["district_name"]) if row["district"] else None,
        "author_name": display_name(row["author_name"]),
        "created_at": row["created_at"],
        "support_count": row["support_count"],
        "against_count": row["against_count"],
        "comment_count": row["comment_count"],
        "successful": threshold > 0 and row["support_count"] >= threshold,
        "withdrawn": row["withdrawn"],
        # Answers count publicly only once published.
        "answer_status": row["answer_status"] if row["answer_published_at"] else None,
        "answer_public_text": (row.get("summary_answer_text") or "") if row["answer_published_at"] else "",
    }


async def _placement(
    municipality: Municipality, consultation: ConsultationAt, data: ProposalCreate
) -> tuple[float | None, float | None, int | None]:
    territory = await geo.territory_of(municipality)
    kind, polygon = consultation.row["area_kind"], consultation.row["area_polygon"]
    if data.location is not None:
        district = area.district_of_pin(
            territory, kind, consultation.area_districts, polygon, data.location.lon, data.location.lat
        )
        return data.location.lat, data.location.lon, district
    if data.district_id is not None:
        area.check_district_choice(territory, kind, consultation.area_districts, data.district_id)
        return None, None, data.district_id
    return None, None, None


def _moderation_text(data: ProposalCreate) -> str:
    return f"{data.title.strip()}\n\n{data.body.strip()}"


async def create_proposal(
    municipality: Municipality,
    consultation_id: int,
    actor: Actor,
    data: ProposalCreate,
    now: datetime | None = None,
    *,
    links: Links,
    photos: Sequence[bytes] = (),
    store: PhotoStore | None = None,
) -> Proposal:
    """The proposal and its photos in one transaction: a bad photo (422 naming `photos[i]`) leaves nothing."""
    user_id = actor.id
    consultation = await consultation_at(municipality, consultation_id, actor, now)
    if not consultation.may_propose(actor):
        explain_refusal(consultation, actor, "Vorschläge machen", "make proposals")
    lat, lon, district = await _placement(municipality, consultation, data)
    await hook.ensure_may_contribute(user_id, municipality.id)
    async with contribution_photos.intake(store, photos) as stored, ProposalRow._meta.db.transaction():
        row = ProposalRow(
            consultation=consultation_id,
            author=user_id,
            title=data.title.strip(),
            body=data.body.strip(),
            category=data.category.strip(),
            lat=lat,
            lon=lon,
            district=district,
            visibility=Visibility.PENDING,
        )
        await row.save()
        visibility = await hook.submit(
            Contribution(
                municipality_id=municipality.id,
                content_type=CONTENT_TYPE,
                content_id=row.id,
                author_id=user_id,
                text=_moderation_text(data),
                context_id=consultation_id,
                link=links.proposal(municipality.slug, row.id),
            )
        )
        await ProposalRow.update({ProposalRow.visibility: visibility}).where(ProposalRow.id == row.id)
        owner = contribution_photos.Owner(
            municipality_id=municipality.id,
            slug=municipality.slug,
            content_type=CONTENT_TYPE,
            content_id=row.id,
            author_id=user_id,
            context_id=consultation_id,
            link=links.proposal(municipality.slug, row.id),
        )
        await contribution_photos.attach(owner, stored)
        await follows.follow(Target(PROPOSAL, row.id), municipality.id, user_id=user_id)  # authors hear of answers
    return await get_proposal(municipality, row.id, actor)


def explain_refusal(consultation: ConsultationAt, actor: Actor, action_de: str, action_en: str) -> None:
    """Raise the error that tells the person why they cannot act (phase, login, resident role)."""
    if (
        consultation.rights is not None
        and rules.may_take_part(actor, False)
        and not rules.may_take_part(actor, consultation.residents_only)
    ):
        raise NotAResident()
    raise PhaseClosed(action_de, action_en)


@frozen
def _proposal(proposal_id: int) -> Query[Any, Any]:
    return (
        ProposalRow.select(
            *SUMMARY_COLUMNS,
            ProposalRow.body,
            ProposalRow.visibility,
            ProposalRow.answer_text,
            ProposalRow.consultation.municipality.as_alias("municipality_id"),
            ProposalRow.consultation.status.as_alias("consultation_status"),
            ProposalRow.consultation.support_threshold.as_alias("threshold"),
            ProposalRow.consultation.voting_mode.as_alias("voting_mode"),
        )
        .where(ProposalRow.id == proposal_id)
        .limit(1)
    )


async def proposal_row(municipality: Municipality, proposal_id: int, actor: Actor) -> dict[str, Any]:
    """The proposal if it is in this municipality and visible to the actor (public, own, or moderator)."""
    rows = await _proposal(proposal_id).run()
    row = rows[0] if rows else None
    if row is None or row["municipality_id"] != municipality.id:
        raise ProposalNotFound()
    own = actor.user_id is not None and actor.user_id == row["author"]
    if not rules.may_view_consultation(actor, row["consultation_status"]):
        raise ProposalNotFound()
    if row["visibility"] != Visibility.PUBLIC and not own and not rules.is_moderator(actor):
        raise ProposalNotFound()
    return row


async def _has_reactions(proposal_id: int) -> bool:
    return await Comment.exists().where(Comment.proposal == proposal_id) or await ProposalVote.exists().where(
        ProposalVote.proposal == proposal_id
    )


async def get_proposal(municipality: Municipality, proposal_id: int, actor: Actor) -> Proposal:
    """One proposal with photos, answer and the asker's vote: a fixed number of queries."""
    user_id = actor.user_id
    row = await proposal_row(municipality, proposal_id, actor)
    own = user_id is not None and user_id == row["author"]
    shown = await contribution_photos.listed(
        municipality.slug, CONTENT_TYPE, [proposal_id], everything=rules.is_moderator(actor), own=user_id
    )
    my_vote, following = None, False
    if user_id is not None:
        vote = (
            await ProposalVote.select(ProposalVote.value)
            .where((ProposalVote.proposal == proposal_id) & (ProposalVote.user == user_id))
            .first()
        )
        my_vote = vote["value"] if vote else None
        following = await follows.is_following(Target(PROPOSAL, proposal_id), user_id)
    published = row["answer_published_at"] is not None
    return Proposal(
        **summary_fields(row, row["threshold"]),
        consultation_id=row["consultation"],
        body=row["body"],
        photos=shown[proposal_id],
        answer=Answer(status=row["answer_status"], text=row["answer_text"], published_at=row["answer_published_at"])
        if published and row["answer_status"]
        else None,
        my_vote=my_vote,
        may_edit=own
        and rules.may_edit_proposal(actor, row["author"], await _has_reactions(proposal_id), row["withdrawn"]),
        may_withdraw=rules.may_withdraw_proposal(actor, row["author"], row["withdrawn"]),
        following=following,
        visibility=row["visibility"],
        voting_mode=row["voting_mode"],
        mine=own,
    )


async def update_proposal(municipality: Municipality, proposal_id: int, actor: Actor, data: ProposalCreate) -> Proposal:
    user_id = actor.id
    row = await proposal_row(municipality, proposal_id, actor)
    if not rules.may_edit_proposal(actor, row["author"], await _has_reactions(proposal_id), row["withdrawn"]):
        raise NotAllowed(
            "Sie können Ihren Vorschlag nur ändern, solange ihn noch niemand kommentiert oder unterstützt hat.",
            "You can change your proposal only until someone comments on it or votes for it.",
        )
    consultation = await consultation_at(municipality, row["consultation"], actor)
    lat, lon, district = await _placement(municipality, consultation, data)
    await hook.ensure_may_contribute(user_id, municipality.id)
    async with ProposalRow._meta.db.transaction():
        await ProposalRow.update(
            {
                ProposalRow.title: data.title.strip(),
                ProposalRow.body: data.body.strip(),
                ProposalRow.category: data.category.strip(),
                ProposalRow.lat: lat,
                ProposalRow.lon: lon,
                ProposalRow.district: district,
                ProposalRow.updated_at: clock.now(),
            }
        ).where(ProposalRow.id == proposal_id)
        visibility = await hook.submit(
            Contribution(
                municipality_id=municipality.id,
                content_type=CONTENT_TYPE,
                content_id=proposal_id,
                author_id=user_id,
                text=_moderation_text(data),
                context_id=row["consultation"],  # the link moderation holds stays what it was
            )
        )
        await ProposalRow.update({ProposalRow.visibility: visibility}).where(ProposalRow.id == proposal_id)
    return await get_proposal(municipality, proposal_id, actor)


async def withdraw_proposal(municipality: Municipality, proposal_id: int, actor: Actor) -> Proposal:
    row = await proposal_row(municipality, proposal_id, actor)
    if not rules.may_withdraw_proposal(actor, row["author"], row["withdrawn"]):
        raise NotAllowed(
            "Nur wer den Vorschlag gemacht hat, kann ihn zurückziehen.",
            "Only the proposal's author can withdraw it.",
        )
    await ProposalRow.update({ProposalRow.withdrawn: True, ProposalRow.updated_at: clock.now()}).where(
        ProposalRow.id == proposal_id
    )
    return await get_proposal(municipality, proposal_id, actor)


async def photo_access(municipality_id: int, proposal_id: int, actor: Actor) -> contribution_photos.OwnerAccess:
    """For contributions.photos: whether the actor may see the proposal a photo belongs to."""
    row = (
        await ProposalRow.select(
            ProposalRow.author,
            ProposalRow.visibility,
            ProposalRow.consultation.municipality.as_alias("municipality_id"),
            ProposalRow.consultation.status.as_alias("consultation_status"),
        )
        .where(ProposalRow.id == proposal_id)
        .first()
    )
    if row is None or row["municipality_id"] != municipality_id:
        return contribution_photos.OwnerAccess(visible=False)
    own = actor.user_id is not None and actor.user_id == row["author"]
    visible = rules.may_view_consultation(actor, row["consultation_status"]) and (
        row["visibility"] == Visibility.PUBLIC or own or rules.is_moderator(actor)
    )
    return contribution_photos.OwnerAccess(visible=visible)


# --- moderation outcomes ------------------------------------------------------------------------------


async def apply_proposal_outcome(outcome: Outcome) -> None:
    values: dict[Any, Any] = {
        ProposalRow.visibility: outcome.visibility,
        ProposalRow.reason_de: outcome.reason_de,
        ProposalRow.reason_en: outcome.reason_en,
    }
    if outcome.redacted_text is not None:
        title, _, body = outcome.redacted_text.partition("\n\n")
        values[ProposalRow.title] = title[:160]
        values[ProposalRow.body] = body
    await ProposalRow.update(values).where(ProposalRow.id == outcome.content_id)
