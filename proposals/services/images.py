"""Images of proposals: up to three, cleaned by media.photos, each moderated like a contribution."""

from __future__ import annotations

from typing import Any

from geo.tables import Municipality
from media.photos import PhotoStore
from moderation import hook
from moderation.hook import Contribution, Outcome, Visibility
from proposals import rules
from proposals.errors import NotAllowed, ProposalNotFound, TooManyImages
from proposals.schemas import Proposal
from proposals.services.context import actor_for
from proposals.services.contributions import get_proposal, proposal_row
from proposals.tables import Proposal as ProposalRow
from proposals.tables import ProposalImage

MAX_IMAGES = 3
PHOTO = "proposal_photo"  # distinct from defects' photos: the hook keeps one listener per content type


async def add_image(
    municipality: Municipality, proposal_id: int, user_id: int, data: bytes, store: PhotoStore
) -> Proposal:
    actor = await actor_for(user_id, municipality.id)
    row = await proposal_row(municipality, proposal_id, actor)
    if actor.user_id != row["author"] or row["withdrawn"]:
        raise NotAllowed(
            "Nur wer den Vorschlag gemacht hat, kann Bilder hinzufügen.", "Only the author can add images."
        )
    if await ProposalImage.count().where(ProposalImage.proposal == proposal_id) >= MAX_IMAGES:
        raise TooManyImages(MAX_IMAGES)
    await hook.ensure_may_contribute(user_id, municipality.id)
    stored = store.ingest(data, field="images")
    async with ProposalRow._meta.db.transaction():
        if await ProposalImage.count().where(ProposalImage.proposal == proposal_id) >= MAX_IMAGES:
            raise TooManyImages(MAX_IMAGES)
        image = ProposalImage(
            proposal=proposal_id,
            key=stored.key,
            width=stored.width,
            height=stored.height,
            visibility=Visibility.PENDING,
        )
        await image.save()
        visibility = await hook.submit(
            Contribution(
                municipality_id=municipality.id,
                content_type=PHOTO,
                content_id=image.id,
                author_id=user_id,
                context_id=row["consultation"],
                preview_url=f"/api/v1/municipalities/{municipality.slug}/proposals/{proposal_id}/images/{image.id}",
                link=f"#/m/{municipality.slug}/proposals/{proposal_id}",
            )
        )
        await ProposalImage.update({ProposalImage.visibility: visibility}).where(ProposalImage.id == image.id)
    return await get_proposal(municipality, proposal_id, user_id)


async def image_key(municipality: Municipality, proposal_id: int, image_id: int, user_id: int | None) -> str:
    """The stored file of an image the asker may see (public, or their own, or a moderator)."""
    actor = await actor_for(user_id, municipality.id)
    row = await proposal_row(municipality, proposal_id, actor)
    image = (
        await ProposalImage.select(ProposalImage.key, ProposalImage.visibility)
        .where((ProposalImage.id == image_id) & (ProposalImage.proposal == proposal_id))
        .first()
    )
    own = user_id is not None and user_id == row["author"]
    if image is None or (image["visibility"] != Visibility.PUBLIC and not own and not rules.is_moderator(actor)):
        raise ProposalNotFound()
    return str(image["key"])


async def apply_photo_outcome(outcome: Outcome) -> None:
    values: dict[Any, Any] = {ProposalImage.visibility: outcome.visibility}
    if outcome.redacted_photo_key is not None:
        values[ProposalImage.key] = outcome.redacted_photo_key
    await ProposalImage.update(values).where(ProposalImage.id == outcome.content_id)

