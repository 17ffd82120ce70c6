"""The moderation queue: filtered, waiting before review, oldest first, keyset-paginated, with counts per filter.

Every query starts with (municipality, queued) and orders by (queued_at, id): the composite indexes of
the raw migration serve them, so the first page stays fast with 10,000 waiting items.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from piccolo.query.functions.aggregate import Count

from geo import paging
from geo.clock import aware, now
from moderation import reasons
from moderation.errors import InvalidDecision
from moderation.items import COLUMNS, to_queue_item
from moderation.schemas import QueueCounts, QueuePage
from moderation.tables import ModerationItem


@dataclass(frozen=True)
class QueueFilter:
    content_type: str | None = None
    reason: str | None = None
    context_id: int | None = None
    visibility: str | None = None
    min_age_hours: int | None = None  # only items waiting at least this long

    def where(self, municipality_id: int) -> Any:
        condition = (ModerationItem.municipality == municipality_id) & (ModerationItem.queued == True)  # noqa: E712
        if self.content_type:
            condition &= ModerationItem.content_type == self.content_type
        if self.reason:
            condition &= ModerationItem.reasons.like(f"%|{self.reason}|%")
        if self.context_id is not None:
            condition &= ModerationItem.context_id == self.context_id
        if self.visibility:
            condition &= ModerationItem.visibility == self.visibility
        if self.min_age_hours:
            condition &= ModerationItem.queued_at <= now() - timedelta(hours=self.min_age_hours)
        return condition


def check_filter(filters: QueueFilter) -> None:
    """Unknown reasons and visibilities are a 422 naming the parameter (not an empty queue that looks like "done")."""
    if filters.reason and filters.reason not in reasons.QUEUE_REASONS:
        raise InvalidDecision(
            f"Den Grund „{filters.reason}“ gibt es nicht.", f"There is no reason '{filters.reason}'.", field="reason"
        )
    if filters.visibility and filters.visibility not in ("pending", "public", "hidden", "rejected"):
        raise InvalidDecision(
            f"Die Sichtbarkeit „{filters.visibility}“ gibt es nicht.",
            f"There is no visibility '{filters.visibility}'.",
            field="visibility",
        )


# The queue's priority: content nobody can see yet ("pending") before post-moderation review of content that is
# already public or hidden; within each, the oldest first. Each part is its own keyset over (queued_at, id), and
# the cursor names the part it stopped in ("0|…" waiting, "1|…" review), so pages never skip or repeat.
_PARTS = (0, 1)


def _part_condition(part: int) -> Any:
    pending = ModerationItem.visibility == "pending"
    return pending if part == 0 else (ModerationItem.visibility != "pending")


def _decode_cursor(cursor: str) -> tuple[int, datetime, int]:
    key, last_id = paging.decode_as(cursor, str)
    part, _, moment = key.partition("|")
    try:
        return _PARTS[int(part)], aware(datetime.fromisoformat(moment)), last_id
    except (ValueError, IndexError):
        raise paging.InvalidCursor() from None


async def page(municipality_id: int, filters: QueueFilter, *, cursor: str | None = None, limit: int = 25) -> QueuePage:
    """Waiting items first, then post-moderation review; oldest first within each."""
    check_filter(filters)
    limit = paging.bounded(limit)
    start_part, moment, last_id = _decode_cursor(cursor) if cursor else (0, None, 0)
    found: list[tuple[int, dict[str, Any]]] = []
    for part in _PARTS[start_part:]:
        condition = filters.where(municipality_id) & _part_condition(part)
        if part == start_part and moment is not None:
            condition &= paging.after(ModerationItem.queued_at, ModerationItem.id, moment, last_id, ascending=True)
        rows = (
            await ModerationItem.select(*COLUMNS)
            .where(condition)
            .order_by(ModerationItem.queued_at, ModerationItem.id)
            .limit(limit + 1 - len(found))
        )
        found += [(part, row) for row in rows]
        if len(found) > limit:
            break
    page_rows, next_cursor = paging.cut(
        found, limit, lambda pr: (f"{pr[0]}|{aware(pr[1]['queued_at']).isoformat()}", pr[1]["id"])
    )
    return QueuePage(items=[to_queue_item(row) for _, row in page_rows], next_cursor=next_cursor)


def _matches(filters: QueueFilter, row: dict[str, Any]) -> bool:
    return (
        (not filters.content_type or row["content_type"] == filters.content_type)
        and (not filters.reason or f"|{filters.reason}|" in row["reasons"])
        and (filters.context_id is None or row["context_id"] == filters.context_id)
        and (not filters.visibility or row["visibility"] == filters.visibility)
    )


async def counts(municipality_id: int, filters: QueueFilter) -> QueueCounts:
    """All waiting items by type, reason, consultation and visibility, plus how many match `filters`.

    One grouped query (a few hundred groups at most, whatever the queue's length) answers every number;
    only an age filter needs a second count.
    """
    check_filter(filters)
    columns = (
        ModerationItem.content_type,
        ModerationItem.context_id,
        ModerationItem.visibility,
        ModerationItem.reasons,
    )
    groups = (
        await ModerationItem.select(*columns, Count(alias="n"))
        .where(QueueFilter().where(municipality_id))
        .group_by(*columns)
    )
    total = matching = 0
    by_type: dict[str, int] = {}
    by_reason: dict[str, int] = {}
    by_context: dict[str, int] = {}
    by_visibility: dict[str, int] = {}
    for row in groups:
        n = int(row["n"])
        total += n
        matching += n if _matches(filters, row) else 0
        by_type[row["content_type"]] = by_type.get(row["content_type"], 0) + n
        context = "none" if row["context_id"] is None else str(row["context_id"])
        by_context[context] = by_context.get(context, 0) + n
        by_visibility[row["visibility"]] = by_visibility.get(row["visibility"], 0) + n
        for code in reasons.decode(row["reasons"]):
            by_reason[code] = by_reason.get(code, 0) + n
    if filters.min_age_hours:
        matching = await ModerationItem.count().where(filters.where(municipality_id))
    return QueueCounts(
        total=total,
        matching=matching,
        by_type=by_type,
        by_reason=by_reason,
        by_context=by_context,
        by_visibility=by_visibility,
    )
