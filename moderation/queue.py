"""The moderation queue: filtered, oldest first, keyset-paginated, with counts per filter value.

Every query starts with (municipality, queued) and orders by (queued_at, id): the composite indexes of
the raw migration serve them, so the first page stays fast with 10,000 waiting items.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from piccolo.query.functions.aggregate import Count

from moderation import reasons
from moderation.clock import now
from moderation.errors import InvalidDecision
from moderation.items import COLUMNS, to_queue_item
from moderation.schemas import QueueCounts, QueuePage
from moderation.tables import ModerationItem

MAX_PAGE = 100


@dataclass(frozen=True)
class QueueFilter:
    content_type: str | None = None
    reason: str | None = None
    context_id: int | None = None
    state: str | None = None
    min_age_hours: int | None = None  # only items waiting at least this long

    def where(self, municipality_id: int) -> Any:
        condition = (ModerationItem.municipality == municipality_id) & (ModerationItem.queued == True)  # noqa: E712
        if self.content_type:
            condition &= ModerationItem.content_type == self.content_type
        if self.reason:
            condition &= ModerationItem.reasons.like(f"%|{self.reason}|%")
        if self.context_id is not None:
            condition &= ModerationItem.context_id == self.context_id
        if self.state:
            condition &= ModerationItem.state == self.state
        if self.min_age_hours:
            condition &= ModerationItem.queued_at <= now() - timedelta(hours=self.min_age_hours)
        return condition


def encode_cursor(queued_at: datetime, item_id: int) -> str:
    return base64.urlsafe_b64encode(f"{queued_at.isoformat()}|{item_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        moment, item_id = raw.rsplit("|", 1)
        return datetime.fromisoformat(moment), int(item_id)
    except (ValueError, UnicodeDecodeError):
        raise InvalidDecision("Der Seitenzeiger ist ungültig.", "The page cursor is invalid.", field="after") from None


async def page(municipality_id: int, filters: QueueFilter, *, after: str | None = None, limit: int = 25) -> QueuePage:
    limit = max(1, min(limit, MAX_PAGE))
    condition = filters.where(municipality_id)
    if after:
        moment, last_id = decode_cursor(after)
        condition &= (ModerationItem.queued_at > moment) | (
            (ModerationItem.queued_at == moment) & (ModerationItem.id > last_id)
        )
    rows = (
        await ModerationItem.select(*COLUMNS)
        .where(condition)
        .order_by(ModerationItem.queued_at, ModerationItem.id)
        .limit(limit + 1)
    )
    items = [to_queue_item(r) for r in rows[:limit]]
    more = len(rows) > limit
    return QueuePage(items=items, next=encode_cursor(items[-1].queued_at, items[-1].id) if more else None)


async def _grouped(column: Any, condition: Any) -> dict[str, int]:
    rows = await ModerationItem.select(column, Count(alias="n")).where(condition).group_by(column)
    return {str(r[column._meta.name] if r[column._meta.name] is not None else "none"): r["n"] for r in rows}


async def counts(municipality_id: int, filters: QueueFilter) -> QueueCounts:
    """All waiting items by type, reason, consultation and state, plus how many match `filters`."""
    everything = QueueFilter().where(municipality_id)
    codes = list(reasons.QUEUE_REASONS)
    sums = ", ".join(f"SUM(CASE WHEN reasons LIKE '%|{code}|%' THEN 1 ELSE 0 END) AS {code}" for code in codes)
    # The reason codes are our own constants, never input; the values go in as parameters.
    reason_row = (
        await ModerationItem.raw(
            f"SELECT COUNT(*) AS total, {sums} FROM moderation_item WHERE municipality = {{}} AND queued = {{}}",  # noqa: S608
            municipality_id,
            True,
        )
    )[0]
    return QueueCounts(
        total=reason_row["total"] or 0,
        matching=await ModerationItem.count().where(filters.where(municipality_id)),
        by_type=await _grouped(ModerationItem.content_type, everything),
        by_reason={code: int(reason_row[code] or 0) for code in codes if reason_row[code]},
        by_context=await _grouped(ModerationItem.context_id, everything),
        by_state=await _grouped(ModerationItem.state, everything),
    )
