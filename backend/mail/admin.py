"""The outbox as a municipality's admins read it: delivery state of the mails sent for it, never of others.

Only the mails queued for this municipality (OutgoingMail.municipality) show; platform mails (registration,
password reset) and those of other municipalities never do. The list carries no bodies: whether a mail went out
is what an admin needs to tell a resident, not what it said.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from backend.mail.sender import MAX_ATTEMPTS
from backend.mail.tables import OutgoingMail
from geo import paging
from geo.clock import aware

State = Literal["queued", "retrying", "sent", "failed"]


class OutboxMail(BaseModel):
    """One mail and how its delivery went."""

    id: int
    to_address: str
    subject: str
    created_at: datetime
    state: State = Field(
        description="queued: not tried yet; retrying: failed, tried again at next_attempt_at; sent; "
        "failed: given up (last_error says why)"
    )
    sent_at: datetime | None
    attempts: int = Field(description="Delivery attempts (a permanent refusal counts as the maximum)")
    next_attempt_at: datetime | None
    last_error: str


def state_of(row: dict[str, Any]) -> State:
    if row["sent_at"] is not None:
        return "sent"
    if row["attempts"] >= MAX_ATTEMPTS:
        return "failed"
    return "retrying" if row["attempts"] else "queued"


def _maybe(value: datetime | None) -> datetime | None:
    return aware(value) if value is not None else None


async def outbox(
    municipality_id: int,
    *,
    recipient: str = "",
    cursor: str | None = None,
    limit: int = paging.DEFAULT_LIMIT,
) -> paging.Page[OutboxMail]:
    """Newest first; `recipient` is part of the address (case does not matter)."""
    limit = paging.bounded(limit)
    query = OutgoingMail.select(
        OutgoingMail.id,
        OutgoingMail.to_address,
        OutgoingMail.subject,
        OutgoingMail.created_at,
        OutgoingMail.sent_at,
        OutgoingMail.attempts,
        OutgoingMail.next_attempt_at,
        OutgoingMail.last_error,
    ).where(OutgoingMail.municipality == municipality_id)
    if recipient.strip():
        query = query.where(OutgoingMail.to_address.ilike(f"%{recipient.strip().lower()}%"))
    if cursor:
        _, last_id = paging.decode_as(cursor, int)
        query = query.where(OutgoingMail.id < last_id)
    rows = await query.order_by(OutgoingMail.id, ascending=False).limit(limit + 1)
    page_rows, next_cursor = paging.cut(rows, limit, lambda r: (r["id"], r["id"]))
    items = [
        OutboxMail(
            id=r["id"],
            to_address=r["to_address"],
            subject=r["subject"],
            created_at=aware(r["created_at"]),
            state=state_of(r),
            sent_at=_maybe(r["sent_at"]),
            attempts=r["attempts"],
            next_attempt_at=None
            if r["sent_at"] is not None or r["attempts"] >= MAX_ATTEMPTS
            else _maybe(r["next_attempt_at"]),
            last_error=r["last_error"] or "",
        )
        for r in page_rows
    ]
    return paging.Page(items=items, next_cursor=next_cursor)
