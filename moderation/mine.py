"""A person's own view of moderation: what they contributed and what they flagged, each with its state.

Every contribution passes `hook.submit`, so moderation's record of it (author, text snapshot, link, visibility,
public reason) is the one place that lists a person's contributions across all content packages.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from geo import paging
from moderation import reasons
from moderation.tables import Flag, ModerationItem

EXCERPT = 160


class MyContribution(BaseModel):
    """One of my contributions and where moderation stands with it."""

    content_type: str = Field(description="proposal, comment, defect_report, photo …")
    content_id: int
    municipality: str = Field(description="The municipality's slug")
    municipality_name: str
    title: str | None = Field(default=None, description="Its title, for contributions that have one (proposals)")
    excerpt: str = Field(description="The start of its text as moderation saw it (without the title)")
    link: str | None = Field(description="Where it lives in the app; None while unknown")
    state: str = Field(description="waiting (not yet public), public, hidden (taken down for review), rejected")
    reason_de: str | None = Field(description="Why it was rejected, when it was")
    reason_en: str | None
    created_at: datetime


class MyFlag(BaseModel):
    """A flag I set, the contribution it is on, and what became of it."""

    id: int
    content_type: str
    content_id: int
    municipality: str
    municipality_name: str
    title: str | None = None
    excerpt: str
    link: str | None
    reason_de: str
    reason_en: str
    state: str = Field(description="The contribution's state now: waiting, public, hidden, rejected")
    reviewed: bool = Field(description="Whether a moderator has looked at it since")
    created_at: datetime


STATES = {"pending": "waiting", "public": "public", "hidden": "hidden", "rejected": "rejected"}


# Content types whose moderation text is "title\n\nbody" (proposals/services/contributions.py): shown apart.
TITLED = {"proposal"}


def _parts(content_type: str, text: str) -> tuple[str | None, str]:
    """(title, excerpt of the rest): a proposal's title is not run into its text."""
    if content_type in TITLED:
        title, _, rest = text.strip().partition("\n\n")
        return " ".join(title.split()) or None, _excerpt(rest)
    return None, _excerpt(text)


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"


def _why(row: dict[str, Any]) -> tuple[str | None, str | None]:
    if row["visibility"] != "rejected":
        return None, None
    de, en = reasons.placeholder(row["public_reason"] or "other")
    extra = (row["public_reason_text"] or "").strip()
    return (f"{de}. {extra}" if extra else de), (f"{en}. {extra}" if extra else en)


async def contributions_of(user_id: int, limit: int, cursor: str | None) -> paging.Page[MyContribution]:
    """My contributions, newest first, in every municipality."""
    query = ModerationItem.select(
        *ModerationItem.all_columns(),
        ModerationItem.municipality.slug.as_alias("slug"),
        ModerationItem.municipality.name.as_alias("municipality_name"),
    ).where(ModerationItem.author == user_id)
    if cursor:
        key, row_id = paging.decode_as(cursor, datetime)
        query = query.where(paging.after(ModerationItem.created_at, ModerationItem.id, key, row_id, ascending=False))
    rows = (
        await query.order_by(ModerationItem.created_at, ascending=False)
        .order_by(ModerationItem.id, ascending=False)
        .limit(limit + 1)
    )
    page, next_cursor = paging.cut(rows, limit, lambda r: (r["created_at"], r["id"]))
    items = []
    for row in page:
        why_de, why_en = _why(row)
        title, excerpt = _parts(row["content_type"], row["text"])
        items.append(
            MyContribution(
                content_type=row["content_type"],
                content_id=row["content_id"],
                municipality=row["slug"],
                municipality_name=row["municipality_name"],
                title=title,
                excerpt=excerpt,
                link=row["link"],
                state=STATES.get(row["visibility"], "waiting"),
                reason_de=why_de,
                reason_en=why_en,
                created_at=row["created_at"],
            )
        )
    return paging.Page(items=items, next_cursor=next_cursor)


async def flags_by(user_id: int, limit: int, cursor: str | None) -> paging.Page[MyFlag]:
    """The flags I set, newest first."""
    query = Flag.select(
        Flag.id,
        Flag.reason,
        Flag.created_at,
        Flag.item.content_type.as_alias("content_type"),
        Flag.item.content_id.as_alias("content_id"),
        Flag.item.text.as_alias("text"),
        Flag.item.link.as_alias("link"),
        Flag.item.visibility.as_alias("visibility"),
        Flag.item.decided_at.as_alias("decided_at"),
        Flag.item._.municipality._.slug.as_alias("slug"),
        Flag.item._.municipality._.name.as_alias("municipality_name"),
    ).where(Flag.user == user_id)
    if cursor:
        key, row_id = paging.decode_as(cursor, datetime)
        query = query.where(paging.after(Flag.created_at, Flag.id, key, row_id, ascending=False))
    rows = await query.order_by(Flag.created_at, ascending=False).order_by(Flag.id, ascending=False).limit(limit + 1)
    page, next_cursor = paging.cut(rows, limit, lambda r: (r["created_at"], r["id"]))
    items = []
    for row in page:
        de, en = reasons.FLAG_REASONS.get(row["reason"], reasons.FLAG_REASONS["other"])
        decided = row["decided_at"]
        title, excerpt = _parts(row["content_type"], row["text"])
        items.append(
            MyFlag(
                id=row["id"],
                content_type=row["content_type"],
                content_id=row["content_id"],
                municipality=row["slug"],
                municipality_name=row["municipality_name"],
                title=title,
                excerpt=excerpt,
                link=row["link"],
                reason_de=de,
                reason_en=en,
                state=STATES.get(row["visibility"], "waiting"),
                reviewed=decided is not None and decided >= row["created_at"],
                created_at=row["created_at"],
            )
        )
    return paging.Page(items=items, next_cursor=next_cursor)
