"""Reading moderation items: one row as the queue shows it, and its state for other packages."""

from __future__ import annotations

from typing import Any

from geo.clock import aware
from moderation import audit, reasons
from moderation.errors import ItemNotFound
from moderation.schemas import ItemState, QueueItem, Reason
from moderation.tables import ModerationItem

COLUMNS = (
    ModerationItem.id,
    ModerationItem.content_type,
    ModerationItem.content_id,
    ModerationItem.context_id,
    ModerationItem.text,
    ModerationItem.visibility,
    ModerationItem.queued,
    ModerationItem.reasons,
    ModerationItem.flag_count,
    ModerationItem.author,
    ModerationItem.author.first_name.as_alias("author_name"),
    ModerationItem.preview_url,
    ModerationItem.photo_key,
    ModerationItem.link,
    ModerationItem.claimed_by,
    ModerationItem.claimed_by.first_name.as_alias("claimed_by_name"),
    ModerationItem.claimed_at,
    ModerationItem.queued_at,
    ModerationItem.created_at,
    ModerationItem.public_reason,
)


def reason_of(code: str) -> Reason:
    de, en = reasons.QUEUE_REASONS.get(code, (code, code))
    return Reason(code=code, label_de=de, label_en=en)


def to_queue_item(row: dict[str, Any]) -> QueueItem:
    return QueueItem(
        id=row["id"],
        content_type=row["content_type"],
        content_id=row["content_id"],
        context_id=row["context_id"],
        text=row["text"],
        visibility=row["visibility"],
        queued=bool(row["queued"]),
        reasons=[reason_of(c) for c in reasons.decode(row["reasons"])],
        flag_count=row["flag_count"],
        author_id=row["author"],
        author_name=row["author_name"],
        preview_url=row["preview_url"],
        has_photo=bool(row["photo_key"]),
        link=row["link"],
        claimed_by=row["claimed_by"],
        claimed_by_name=row["claimed_by_name"],
        claimed_at=aware(row["claimed_at"]),
        queued_at=aware(row["queued_at"]),
        created_at=aware(row["created_at"]),
        public_reason=row["public_reason"],
    )


async def get_item(municipality_id: int, item_id: int) -> QueueItem:
    row = (
        await ModerationItem.select(*COLUMNS)
        .where((ModerationItem.id == item_id) & (ModerationItem.municipality == municipality_id))
        .first()
    )
    if row is None:
        raise ItemNotFound()
    return to_queue_item(row)


async def state_of(content_type: str, content_id: int) -> ItemState | None:
    """Moderation's view of one piece of content and its full history; None if it never came through."""
    row = (
        await ModerationItem.select()
        .where((ModerationItem.content_type == content_type) & (ModerationItem.content_id == content_id))
        .first()
    )
    if row is None:
        return None
    return ItemState(
        item_id=row["id"],
        visibility=row["visibility"],
        queued=bool(row["queued"]),
        reasons=reasons.decode(row["reasons"]),
        public_reason=row["public_reason"],
        text=row["text"],
        photo_key=row["photo_key"],
        history=await audit.history(row["municipality"], row["id"]),
    )
