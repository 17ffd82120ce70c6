"""Transparency: decisions counted by action and reason, per consultation and period (council documents)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from piccolo.query.functions.aggregate import Count

from moderation.schemas import TransparencyRow
from moderation.tables import Decision


async def transparency(
    municipality_id: int,
    *,
    context_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[TransparencyRow]:
    """How many contributions moderators approved, rejected (and why), hid, restored or redacted."""
    condition: Any = Decision.municipality == municipality_id
    if context_id is not None:
        condition &= Decision.context_id == context_id
    if since is not None:
        condition &= Decision.created_at >= since
    if until is not None:
        condition &= Decision.created_at < until
    rows = (
        await Decision.select(Decision.action, Decision.reason, Decision.content_type, Count(alias="n"))
        .where(condition)
        .group_by(Decision.action, Decision.reason, Decision.content_type)
        .order_by(Decision.action)
    )
    return [
        TransparencyRow(action=r["action"], reason=r["reason"], content_type=r["content_type"], count=r["n"])
        for r in rows
    ]
