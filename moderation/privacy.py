"""What moderation holds about a person: the flags they filed and the sanctions against them.

On account deletion the flags stay (they were part of a decision) without a name; sanctions go with the
account. Moderation's snapshot of a contribution's text loses its author like the contribution does.
"""

from __future__ import annotations

from typing import Any

from moderation.tables import Flag, ModerationItem, Sanction


async def export_flags(user_id: int) -> list[dict[str, Any]]:
    rows = await Flag.select(
        Flag.item.content_type.as_alias("content_type"),
        Flag.item.content_id.as_alias("content_id"),
        Flag.reason,
        Flag.text,
        Flag.created_at,
    ).where(Flag.user == user_id)
    return list(rows)


async def erase_flags(user_id: int) -> None:
    await Flag.update({Flag.user: None}).where(Flag.user == user_id)


async def export_sanctions(user_id: int) -> list[dict[str, Any]]:
    rows = await Sanction.select(
        Sanction.municipality.slug.as_alias("municipality"),
        Sanction.kind,
        Sanction.until,
        Sanction.reason,
        Sanction.created_at,
        Sanction.lifted_at,
    ).where(Sanction.user == user_id)
    return list(rows)


async def erase_sanctions(user_id: int) -> None:
    await Sanction.delete().where(Sanction.user == user_id)
    await ModerationItem.update({ModerationItem.author: None}).where(ModerationItem.author == user_id)
