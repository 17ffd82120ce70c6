"""The append-only audit log: every action with who, when, and the state before and after.

Entries are only ever inserted; no code path updates or deletes one (account deletion only clears the
actor, as the foreign key says). Admins filter and export it; moderators read one item's history.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

from geo import paging
from geo.clock import aware
from geo.spreadsheet import safe_cell
from moderation.schemas import AuditEntryOut
from moderation.tables import AuditEntry, ModerationItem

CSV_BATCH = 500
CSV_COLUMNS = ["id", "created_at", "actor_id", "actor", "action", "item_id", "subject_user_id", "before", "after"]


async def record(
    municipality_id: int,
    action: str,
    *,
    actor_id: int | None = None,
    item_id: int | None = None,
    subject_user_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    await AuditEntry(
        municipality=municipality_id,
        actor=actor_id,
        action=action,
        item_id=item_id,
        subject_user_id=subject_user_id,
        before=json.dumps(before or {}, ensure_ascii=False, default=str, sort_keys=True),
        after=json.dumps(after or {}, ensure_ascii=False, default=str, sort_keys=True),
    ).save()


def _query(
    municipality_id: int,
    *,
    action: str | None = None,
    actor_id: int | None = None,
    item_id: int | None = None,
    content_type: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> Any:
    query = AuditEntry.select(
        AuditEntry.id,
        AuditEntry.created_at,
        AuditEntry.actor,
        AuditEntry.actor.first_name.as_alias("actor_name"),
        AuditEntry.action,
        AuditEntry.item_id,
        AuditEntry.subject_user_id,
        AuditEntry.before,
        AuditEntry.after,
    ).where(AuditEntry.municipality == municipality_id)
    if action:
        query = query.where(AuditEntry.action == action)
    if actor_id is not None:
        query = query.where(AuditEntry.actor == actor_id)
    if item_id is not None:
        query = query.where(AuditEntry.item_id == item_id)
    if content_type:
        query = query.where(
            AuditEntry.item_id.is_in(
                ModerationItem.select(ModerationItem.id).where(
                    (ModerationItem.municipality == municipality_id) & (ModerationItem.content_type == content_type)
                )
            )
        )
    if since is not None:
        query = query.where(AuditEntry.created_at >= since)
    if until is not None:
        query = query.where(AuditEntry.created_at < until)
    return query


def _out(row: dict[str, Any], types: dict[int, str] | None = None) -> AuditEntryOut:
    return AuditEntryOut(
        content_type=(types or {}).get(row["item_id"]),
        id=row["id"],
        created_at=aware(row["created_at"]),
        actor_id=row["actor"],
        actor=row["actor_name"],
        action=row["action"],
        item_id=row["item_id"],
        subject_user_id=row["subject_user_id"],
        before=json.loads(row["before"] or "{}"),
        after=json.loads(row["after"] or "{}"),
    )


async def entries(
    municipality_id: int, *, cursor: str | None = None, limit: int = paging.MAX_LIMIT, **filters: Any
) -> paging.Page[AuditEntryOut]:
    """Newest first, one page at a time (keyset on the id: stays fast on a long log)."""
    limit = paging.bounded(limit)
    query = _query(municipality_id, **filters)
    if cursor:
        _, last_id = paging.decode_as(cursor, int)
        query = query.where(AuditEntry.id < last_id)
    rows = await query.order_by(AuditEntry.id, ascending=False).limit(limit + 1)
    page_rows, next_cursor = paging.cut(rows, limit, lambda r: (r["id"], r["id"]))
    types = await _content_types({r["item_id"] for r in page_rows if r["item_id"] is not None})
    return paging.Page(items=[_out(r, types) for r in page_rows], next_cursor=next_cursor)


async def _content_types(item_ids: set[int]) -> dict[int, str]:
    """The content type of each item an entry names (one query per page; the entry keeps only the number)."""
    if not item_ids:
        return {}
    rows = await ModerationItem.select(ModerationItem.id, ModerationItem.content_type).where(
        ModerationItem.id.is_in(sorted(item_ids))
    )
    return {r["id"]: r["content_type"] for r in rows}


async def actors(municipality_id: int) -> list[dict[str, Any]]:
    """Everyone who appears as the actor of an entry, by name: the log's "who" filter offers them."""
    rows = (
        await AuditEntry.select(AuditEntry.actor.as_alias("id"), AuditEntry.actor.first_name.as_alias("name"))
        .where((AuditEntry.municipality == municipality_id) & AuditEntry.actor.is_not_null())
        .distinct()
    )
    return sorted(rows, key=lambda r: ((r["name"] or "").casefold(), r["id"]))


async def history(municipality_id: int, item_id: int) -> list[AuditEntryOut]:
    """One item's own history, oldest first."""
    rows = await _query(municipality_id, item_id=item_id).order_by(AuditEntry.id)
    return [_out(r, await _content_types({item_id})) for r in rows]


async def csv_lines(municipality_id: int, **filters: Any) -> AsyncIterator[str]:
    """The filtered log as CSV, oldest first, read in batches so a long log never sits in memory."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(CSV_COLUMNS)
    yield flush()
    last_id = 0
    while True:
        rows = (
            await _query(municipality_id, **filters)
            .where(AuditEntry.id > last_id)
            .order_by(AuditEntry.id)
            .limit(CSV_BATCH)
        )
        if not rows:
            return
        for row in rows:
            cells = [
                row["id"],
                aware(row["created_at"]).isoformat(),
                row["actor"],
                row["actor_name"],
                row["action"],
                row["item_id"],
                row["subject_user_id"],
                row["before"],
                row["after"],
            ]
            writer.writerow([safe_cell(cell) for cell in cells])
        last_id = rows[-1]["id"]
        yield flush()
