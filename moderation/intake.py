"""submit() and ensure_may_contribute(): what happens when a contribution arrives or is edited.

Both run inside the content package's transaction (Piccolo's nested transaction() joins it), so the
content row and moderation's record are written together or not at all.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from geo.clock import aware, now
from moderation import audit, reasons, screening
from moderation.errors import AuthorSanctioned
from moderation.hook import Contribution, Visibility
from moderation.policy import POST, PRE, PRE_MODERATED_TYPES, Settings, policy_for, settings_for
from moderation.tables import ModerationItem, Sanction

BURST_WINDOW = timedelta(minutes=10)
BURST_LIMIT = 5  # this many earlier items within the window make the next one a burst
REPEAT_WINDOW = timedelta(days=7)
REPEAT_MIN_LENGTH = 20  # "Danke!" twice is no spam


async def ensure_may_contribute(author_id: int | None, municipality_id: int) -> None:
    """Raise AuthorSanctioned (Forbidden) with the reason and end when the person is muted or blocked."""
    if author_id is None:
        return
    moment = now()
    rows = await Sanction.select(Sanction.kind, Sanction.until, Sanction.reason).where(
        (Sanction.user == author_id)
        & (Sanction.municipality == municipality_id)
        & Sanction.lifted_at.is_null()
        & Sanction.kind.is_in(["mute", "block"])
    )
    active = [r for r in rows if r["until"] is None or aware(r["until"]) > moment]
    if not active:
        return
    worst = sorted(active, key=lambda r: (r["kind"] != "block", -(aware(r["until"]) or moment).timestamp()))[0]
    raise AuthorSanctioned(worst["kind"], aware(worst["until"]), worst["reason"])


async def _screening_hits(contribution: Contribution, settings: Settings, digest: str) -> list[str]:
    hits = screening.screen_text(contribution.text, settings.words())
    others = (ModerationItem.content_type != contribution.content_type) | (
        ModerationItem.content_id != contribution.content_id
    )
    if digest and len(contribution.text.strip()) >= REPEAT_MIN_LENGTH:
        repeated = await ModerationItem.exists().where(
            (ModerationItem.municipality == contribution.municipality_id)
            & (ModerationItem.text_hash == digest)
            & (ModerationItem.created_at > now() - REPEAT_WINDOW)
            & others
        )
        if repeated:
            hits.append(screening.REPEATED)
    if contribution.author_id is not None:
        recent = await ModerationItem.count().where(
            (ModerationItem.author == contribution.author_id)
            & (ModerationItem.created_at > now() - BURST_WINDOW)
            & others
        )
        if recent >= BURST_LIMIT:
            hits.append(screening.BURST)
    return hits


async def _policy_reasons(contribution: Contribution, settings: Settings) -> list[str]:
    """Why the policy alone holds the contribution back (empty: it may go public at once)."""
    policy = await policy_for(contribution.municipality_id, contribution.content_type, contribution.context_id)
    if policy == PRE:
        return [reasons.PRE_MODERATION]
    if policy == POST:
        return []
    held = []
    if contribution.content_type in PRE_MODERATED_TYPES:
        held.append(reasons.PHOTO)
    if contribution.author_id is None:
        held.append(reasons.ANONYMOUS)
    else:
        trusted = await ModerationItem.count().where(
            (ModerationItem.author == contribution.author_id)
            & (ModerationItem.municipality == contribution.municipality_id)
            & (ModerationItem.visibility == Visibility.PUBLIC)
            & (
                (ModerationItem.content_type != contribution.content_type)
                | (ModerationItem.content_id != contribution.content_id)
            )
        )
        if trusted < settings.new_account_items:
            held.append(reasons.NEW_ACCOUNT)
    return held


async def submit(contribution: Contribution) -> Visibility:
    """Enter or re-enter (after an edit) a contribution; returns its visibility now."""
    async with ModerationItem._meta.db.transaction():
        settings = await settings_for(contribution.municipality_id)
        digest = screening.text_hash(contribution.text)
        hits = await _screening_hits(contribution, settings, digest)
        existing = (
            await ModerationItem.objects()
            .where(
                (ModerationItem.content_type == contribution.content_type)
                & (ModerationItem.content_id == contribution.content_id)
            )
            .first()
        )
        held = hits + await _policy_reasons(contribution, settings)
        if existing is not None and existing.visibility in (Visibility.REJECTED, Visibility.HIDDEN):
            # An edit never brings back what a moderator or the flags took down: it waits for review.
            visibility = Visibility(existing.visibility)
            held = hits + reasons.decode(existing.reasons)
        elif held:
            visibility = Visibility.PENDING
        else:
            visibility = Visibility.PUBLIC
            held = [reasons.POST_REVIEW]
        values: dict[Any, Any] = {
            ModerationItem.municipality: contribution.municipality_id,
            ModerationItem.author: contribution.author_id,
            ModerationItem.text: contribution.text,
            ModerationItem.text_hash: digest,
            ModerationItem.context_id: contribution.context_id,
            ModerationItem.preview_url: contribution.preview_url,
            ModerationItem.photo_key: contribution.photo_key,
            ModerationItem.link: contribution.link,
            ModerationItem.visibility: visibility.value,
            ModerationItem.queued: True,
            ModerationItem.reasons: reasons.encode(held),
        }
        if existing is None:
            item = ModerationItem(
                content_type=contribution.content_type, content_id=contribution.content_id, queued_at=now()
            )
            for column, value in values.items():
                setattr(item, column._meta.name, value)
            await item.save()
            item_id, action, before = item.id, "submitted", {}
        else:
            before = {
                "visibility": existing.visibility,
                "text": existing.text,
                "reasons": reasons.decode(existing.reasons),
            }
            if not existing.queued:
                values[ModerationItem.queued_at] = now()
            await ModerationItem.update(values).where(ModerationItem.id == existing.id)
            item_id, action = existing.id, "resubmitted"
        await audit.record(
            contribution.municipality_id,
            action,
            actor_id=contribution.author_id,
            item_id=item_id,
            before=before,
            after={
                "visibility": visibility.value,
                "text": contribution.text,
                "reasons": reasons.decode(reasons.encode(held)),
                "content_type": contribution.content_type,
                "content_id": contribution.content_id,
            },
        )
    return visibility
