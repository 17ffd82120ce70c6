"""Following a contribution (a consultation, a proposal, a defect report): by account, or by address alone.

Content packages check that the person may see the target; this module only records who follows what.
An address that belongs to an account counts as that person (e.g. a report filed before registering).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from piccolo.apps.user.tables import BaseUser

from contributions.tables import Follow

CONSULTATION, PROPOSAL, DEFECT_REPORT = "consultation", "proposal", "defect_report"


@dataclass(frozen=True, slots=True)
class Target:
    """What is followed, keyed like moderation's items."""

    content_type: str
    content_id: int


@dataclass(frozen=True, slots=True)
class Followers:
    """Who hears of a target: people with an account, and addresses without one."""

    users: frozenset[int] = frozenset()
    emails: frozenset[str] = field(default_factory=frozenset)

    def __bool__(self) -> bool:
        return bool(self.users or self.emails)


def _by_address(email: str) -> Any:
    return Follow.user.is_null() & (Follow.email == email.strip().lower())


def _who(user_id: int | None, email: str | None) -> Any:
    if user_id is not None:
        return Follow.user == user_id
    if email:
        return _by_address(email)
    raise ValueError("a follow needs a user or an e-mail address")


async def _person(user_id: int) -> Any:
    """The person's follows: by account, and by the account's address (followed before registering)."""
    row = await BaseUser.select(BaseUser.email).where(BaseUser.id == user_id).first()
    where = Follow.user == user_id
    if row and row["email"]:
        where |= _by_address(str(row["email"]))
    return where


def _on(target: Target) -> Any:
    return (Follow.content_type == target.content_type) & (Follow.content_id == target.content_id)


async def follow(target: Target, municipality_id: int, *, user_id: int | None = None, email: str | None = None) -> None:
    """Idempotent: following twice is following once (a unique index guards against races)."""
    async with Follow._meta.db.transaction():
        if await Follow.exists().where(_on(target) & _who(user_id, email)):
            return
        await Follow(
            content_type=target.content_type,
            content_id=target.content_id,
            user=user_id,
            email="" if user_id is not None else (email or "").strip().lower(),
            municipality=municipality_id,
        ).save()


async def unfollow(target: Target, *, user_id: int | None = None, email: str | None = None) -> None:
    who = await _person(user_id) if user_id is not None else _who(None, email)
    await Follow.delete().where(_on(target) & who)


async def unfollow_all(*, user_id: int | None = None, email: str | None = None) -> None:
    """Stop every follow of a person (or of an address)."""
    who = await _person(user_id) if user_id is not None else _who(None, email)
    await Follow.delete().where(who)


async def is_following(target: Target, user_id: int | None) -> bool:
    if user_id is None:
        return False
    return bool(await Follow.exists().where(_on(target) & await _person(user_id)))


async def followers_of(*targets: Target) -> Followers:
    """Everyone who follows any of the targets (e.g. a proposal and its consultation), each once."""
    if not targets:
        return Followers()
    where = _on(targets[0])
    for target in targets[1:]:
        where |= _on(target)
    rows = await Follow.select(Follow.user, Follow.email).where(where)
    return Followers(
        users=frozenset(r["user"] for r in rows if r["user"] is not None),
        emails=frozenset(r["email"] for r in rows if r["user"] is None and r["email"]),
    )


async def follows_of(user_id: int) -> list[dict[str, Any]]:
    """What a person follows, for their data export."""
    return list(
        await Follow.select(Follow.content_type, Follow.content_id, Follow.created_at)
        .where(await _person(user_id))
        .order_by(Follow.id)
    )
