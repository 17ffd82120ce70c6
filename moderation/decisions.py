"""Moderators' decisions: approve, reject with a public reason, hide, restore, redact; claims; bulk.

Each decision changes moderation's record, tells the content package through its registered listener
(inside the same transaction, so content row and record change together), writes the audit log and
queues a mail to the author.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path
from typing import Any

from geo.clock import aware, now
from geo.ports import Mailer
from media.photos import PhotoStore
from moderation import audit, notify, reasons
from moderation.errors import ClaimedByOther, InvalidDecision, ItemNotFound
from moderation.hook import Outcome, Visibility, listener_for
from moderation.items import get_item
from moderation.schemas import DecisionCreate, QueueItem, Region
from moderation.tables import Decision, ModerationItem

CLAIM_TTL = timedelta(minutes=15)


async def _load(municipality_id: int, item_id: int) -> ModerationItem:
    item = (
        await ModerationItem.objects()
        .where((ModerationItem.id == item_id) & (ModerationItem.municipality == municipality_id))
        .first()
    )
    if item is None:
        raise ItemNotFound()
    return item


def _absolute(link: str | None, base_url: str) -> str:
    """Links are absolute (from the web shell's Links port); items queued before that hold a "#/..." route."""
    if not link:
        return base_url
    return link if "://" in link else f"{base_url}/{link}"


def _claimed_by_other(item: ModerationItem, moderator_id: int | None) -> bool:
    claimed_at = aware(item.claimed_at)
    return (
        item.claimed_by is not None
        and item.claimed_by != moderator_id
        and claimed_at is not None
        and claimed_at > now() - CLAIM_TTL
    )


async def _ensure_free(item: ModerationItem, moderator_id: int | None) -> None:
    if _claimed_by_other(item, moderator_id):
        holder = await notify.email_of(item.claimed_by)
        raise ClaimedByOther(holder[1] if holder and holder[1] else "Eine andere Person")


async def claim(municipality_id: int, item_id: int, moderator_id: int) -> QueueItem:
    """Take an item for CLAIM_TTL so that two moderators do not work on the same one."""
    async with ModerationItem._meta.db.transaction():
        item = await _load(municipality_id, item_id)
        await _ensure_free(item, moderator_id)
        await ModerationItem.update({ModerationItem.claimed_by: moderator_id, ModerationItem.claimed_at: now()}).where(
            ModerationItem.id == item.id
        )
        await audit.record(municipality_id, "claimed", actor_id=moderator_id, item_id=item.id)
    return await get_item(municipality_id, item_id)


async def release(municipality_id: int, item_id: int, moderator_id: int) -> QueueItem:
    async with ModerationItem._meta.db.transaction():
        item = await _load(municipality_id, item_id)
        await _ensure_free(item, moderator_id)
        await ModerationItem.update({ModerationItem.claimed_by: None, ModerationItem.claimed_at: None}).where(
            ModerationItem.id == item.id
        )
        await audit.record(municipality_id, "released", actor_id=moderator_id, item_id=item.id)
    return await get_item(municipality_id, item_id)


def _check(decision: DecisionCreate, item: ModerationItem) -> None:
    if decision.action == "reject":
        if decision.reason not in reasons.REJECT_REASONS:
            raise InvalidDecision(
                "Bitte wählen Sie einen Grund für die Ablehnung.",
                "Please choose a reason for rejecting.",
                field="reason",
            )
        if decision.reason == "other" and not decision.text.strip():
            raise InvalidDecision("Bitte beschreiben Sie den Grund.", "Please describe the reason.", field="text")
    if decision.action == "redact":
        if decision.redacted_text is None and decision.region is None:
            raise InvalidDecision(
                "Bitte ändern Sie den Text oder markieren Sie einen Bildbereich.",
                "Please change the text or mark a region of the photo.",
                field="redacted_text",
            )
        if decision.region is not None and not item.photo_key:
            raise InvalidDecision("Dieser Beitrag hat kein Foto.", "This item has no photo.", field="region")
        if decision.redacted_text is not None and decision.redacted_text == item.text:
            raise InvalidDecision("Der Text ist unverändert.", "The text is unchanged.", field="redacted_text")
    if decision.action == "restore" and item.visibility not in (Visibility.HIDDEN, Visibility.REJECTED):
        raise InvalidDecision(
            "Nur ausgeblendete oder entfernte Beiträge lassen sich wiederherstellen.",
            "Only hidden or removed items can be restored.",
            field="action",
        )


def _blur(media_dir: Path | None, key: str, region: Region) -> str:
    if media_dir is None:
        raise InvalidDecision(
            "Fotos lassen sich hier nicht bearbeiten.", "Photos cannot be edited here.", field="region"
        )
    stored = PhotoStore(media_dir).redact(key, (region.x, region.y, region.width, region.height))
    return stored.key


async def decide(
    municipality_id: int,
    item_id: int,
    moderator_id: int | None,
    decision: DecisionCreate,
    *,
    mailer: Mailer | None,
    base_url: str = "",
    media_dir: Path | None = None,
    batch: notify.Batch | None = None,
    mail_quiet: timedelta = timedelta(0),
) -> QueueItem:
    """Apply one decision; raises ItemNotFound, ClaimedByOther or InvalidDecision (then nothing changed).

    With a `batch`, the author's mail is collected there instead of queued (decide_many sends one per author)."""
    async with ModerationItem._meta.db.transaction():
        item = await _load(municipality_id, item_id)
        await _ensure_free(item, moderator_id)
        _check(decision, item)
        before: dict[str, Any] = {"visibility": item.visibility, "reasons": reasons.decode(item.reasons)}
        values: dict[Any, Any] = {}
        outcome: dict[str, Any] = {}
        visibility = Visibility(item.visibility)
        if decision.action == "redact":
            if decision.redacted_text is not None:
                before["text"] = item.text
                values[ModerationItem.text] = decision.redacted_text
                outcome["redacted_text"] = decision.redacted_text
            if decision.region is not None:
                assert item.photo_key is not None
                before["photo_key"] = item.photo_key
                new_key = await asyncio.to_thread(
                    _blur, media_dir, item.photo_key, decision.region
                )  # Pillow: off the loop
                values[ModerationItem.photo_key] = new_key
                outcome["redacted_photo_key"] = new_key
        else:
            visibility = {
                "approve": Visibility.PUBLIC,
                "restore": Visibility.PUBLIC,
                "reject": Visibility.REJECTED,
                "hide": Visibility.HIDDEN,
            }[decision.action]
            values.update(
                {
                    ModerationItem.visibility: visibility.value,
                    ModerationItem.queued: False,
                    ModerationItem.reasons: "",
                    ModerationItem.claimed_by: None,
                    ModerationItem.claimed_at: None,
                    ModerationItem.decided_at: now(),
                    ModerationItem.public_reason: decision.reason if decision.action == "reject" else None,
                    ModerationItem.public_reason_text: decision.text if decision.action == "reject" else "",
                }
            )
        if decision.action == "reject":
            outcome["reason_de"], outcome["reason_en"] = reasons.placeholder(decision.reason or "other")
        await ModerationItem.update(values).where(ModerationItem.id == item.id)
        await Decision(
            municipality=municipality_id,
            item=item.id,
            content_type=item.content_type,
            context_id=item.context_id,
            moderator=moderator_id,
            action=decision.action,
            reason=decision.reason or "",
        ).save()
        after = {
            "visibility": visibility.value,
            **{k._meta.name: v for k, v in values.items() if k._meta.name in ("text", "photo_key", "public_reason")},
        }
        if decision.text:
            after["note"] = decision.text
        await audit.record(
            municipality_id, decision.action, actor_id=moderator_id, item_id=item.id, before=before, after=after
        )
        await listener_for(item.content_type)(Outcome(content_id=item.content_id, visibility=visibility, **outcome))
        if decision.action != "approve" or item.visibility != Visibility.PUBLIC:
            reason_de, reason_en = reasons.REJECT_REASONS.get(decision.reason or "", ("", ""))
            mail = {
                "action": decision.action,
                "reason_de": reason_de,
                "reason_en": reason_en,
                "note": decision.text,
                "excerpt": (decision.redacted_text or item.text)[:200],
                "url": _absolute(item.link, base_url),
                "text_redacted": decision.redacted_text is not None,
                "photo_redacted": decision.region is not None,
                "has_photo": bool(item.photo_key),
                "content_type": item.content_type,
            }
            if batch is not None:
                batch.add(item.author, mail)
            elif mail_quiet > timedelta(0):
                await notify.hold(item.author, municipality_id, [mail], mail_quiet)
            else:
                await notify.tell(mailer, item.author, municipality_id, "decision", mail)
    return await get_item(municipality_id, item_id)


async def decide_many(
    municipality_id: int,
    item_ids: list[int],
    moderator_id: int,
    decision: DecisionCreate,
    *,
    mailer: Mailer | None,
    base_url: str = "",
    mail_quiet: timedelta = timedelta(0),
) -> int:
    """The same decision on many items, all or nothing (one transaction); each author gets one mail for all."""
    batch = notify.Batch()
    async with ModerationItem._meta.db.transaction():
        for item_id in dict.fromkeys(item_ids):
            await decide(
                municipality_id, item_id, moderator_id, decision, mailer=mailer, base_url=base_url, batch=batch
            )
        await batch.send(mailer, municipality_id, mail_quiet)
    return len(set(item_ids))
