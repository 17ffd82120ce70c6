"""Residents flag public content; every flag queues it for the moderators, and once N flags that count
(per municipality, default 3; whose count: `flag_weight.py`) are in, it is hidden until reviewed."""

from __future__ import annotations

from geo.clock import now
from moderation import audit, reasons
from moderation.errors import AlreadyFlagged, ContentNotFound, InvalidDecision
from moderation.flag_weight import counts_toward_hiding
from moderation.hook import Outcome, Visibility, listener_for
from moderation.policy import settings_for
from moderation.schemas import FlagCreate, FlagResult
from moderation.tables import Flag, ModerationItem


async def flag(municipality_id: int, user_id: int, data: FlagCreate) -> FlagResult:
    if data.reason == "other" and not data.text.strip():
        raise InvalidDecision(
            "Bitte beschreiben Sie kurz den Grund.", "Please describe the reason briefly.", field="text"
        )
    async with ModerationItem._meta.db.transaction():
        item = (
            await ModerationItem.objects()
            .where(
                (ModerationItem.municipality == municipality_id)
                & (ModerationItem.content_type == data.content_type)
                & (ModerationItem.content_id == data.content_id)
                & (ModerationItem.visibility == Visibility.PUBLIC)  # what one cannot see, one cannot flag
            )
            .first()
        )
        if item is None:
            raise ContentNotFound()
        if item.author == user_id:
            raise InvalidDecision(
                "Ihren eigenen Beitrag können Sie nicht melden.",
                "You cannot flag your own contribution.",
                field="content_id",
            )
        if await Flag.exists().where((Flag.item == item.id) & (Flag.user == user_id)):
            raise AlreadyFlagged()
        counted = await counts_toward_hiding(municipality_id, user_id, item.id)
        await Flag(item=item.id, user=user_id, reason=data.reason, text=data.text, counted=counted).save()
        count = item.flag_count + 1
        weight = await Flag.count().where((Flag.item == item.id) & Flag.counted.eq(True))
        threshold = (await settings_for(municipality_id)).flag_threshold
        hide = counted and weight >= threshold
        values = {
            ModerationItem.flag_count: count,
            ModerationItem.reasons: reasons.encode([*reasons.decode(item.reasons), reasons.FLAGS]),
            ModerationItem.queued: True,
        }
        if not item.queued:
            values[ModerationItem.queued_at] = now()
        if hide:
            values[ModerationItem.visibility] = Visibility.HIDDEN.value
        await ModerationItem.update(values).where(ModerationItem.id == item.id)  # type: ignore[arg-type]
        await audit.record(
            municipality_id,
            "flagged",
            actor_id=user_id,
            item_id=item.id,
            after={"reason": data.reason, "text": data.text, "flag_count": count, "counted": counted},
        )
        if hide:
            await audit.record(
                municipality_id,
                "auto_hidden",
                item_id=item.id,
                before={"visibility": item.visibility},
                after={"visibility": "hidden", "flag_count": count, "counted_flags": weight},
            )
            await listener_for(item.content_type)(Outcome(content_id=item.content_id, visibility=Visibility.HIDDEN))
    return FlagResult(
        detail_de="Danke für Ihren Hinweis. Die Moderation sieht sich den Beitrag an.",
        detail_en="Thank you for flagging this. The moderators will look at it.",
    )


async def flags_of(item_id: int) -> list[dict[str, object]]:
    """The flags of one item for moderators: reason, text and whether it counted toward hiding, not who flagged
    (that stays in the audit)."""
    rows = (
        await Flag.select(Flag.reason, Flag.text, Flag.counted, Flag.created_at)
        .where(Flag.item == item_id)
        .order_by(Flag.id)
    )
    return [
        {"reason": r["reason"], "text": r["text"], "counted": bool(r["counted"]), "created_at": str(r["created_at"])}
        for r in rows
    ]
