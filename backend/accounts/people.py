"""The people of a municipality as its admins see them: everyone who holds a role there.

"Belongs to the municipality" is a role held there (resident, staff, moderator, admin, council), nothing
looser: people who only commented or reported are residents of the platform, not of the town's staff list, and
an admin has no need to browse them (moderation finds them through their contributions).
"""

from __future__ import annotations

from typing import Any

from piccolo.apps.user.tables import BaseUser

from backend.accounts.schemas import Person, PersonRole
from backend.accounts.services import INVITE
from backend.accounts.tables import AccountToken, Profile
from geo import clock, paging
from geo.roles import Role
from geo.tables import Membership


def _like(text: str) -> str:
    """A LIKE pattern that finds `text` anywhere (a % or _ in it stays a wildcard: harmless within one
    municipality's own list, and SQLite has no default escape character)."""
    return f"%{text}%"


async def list_people(
    municipality_id: int,
    *,
    search: str = "",
    role: Role | None = None,
    cursor: str | None = None,
    limit: int = paging.DEFAULT_LIMIT,
) -> paging.Page[Person]:
    """By e-mail address (unique, so the keyset is stable), one page at a time; `search` in name or address."""
    limit = paging.bounded(limit)
    members = Membership.select(Membership.user).where(Membership.municipality == municipality_id)
    if role is not None:
        members = members.where(Membership.role == role)
    query = BaseUser.select(BaseUser.id, BaseUser.email, BaseUser.first_name, BaseUser.active).where(
        BaseUser.id.is_in(members)
    )
    if search:
        pattern = _like(search.strip().lower())
        query = query.where(BaseUser.email.ilike(pattern) | BaseUser.first_name.ilike(pattern))
    if cursor:
        email, last_id = paging.decode_as(cursor, str)
        query = query.where(paging.after(BaseUser.email, BaseUser.id, email, last_id, ascending=True))
    rows = await query.order_by(BaseUser.email).order_by(BaseUser.id).limit(limit + 1)
    page_rows, next_cursor = paging.cut(rows, limit, lambda r: (r["email"], r["id"]))
    people = await _details(municipality_id, page_rows)
    return paging.Page(items=people, next_cursor=next_cursor)


async def _details(municipality_id: int, rows: list[dict[str, Any]]) -> list[Person]:
    """Roles, invitation and deactivation of one page of people: three queries, whatever the page size."""
    if not rows:
        return []
    ids = [r["id"] for r in rows]
    roles: dict[int, list[PersonRole]] = {}
    for m in await (
        Membership.select(
            Membership.id,
            Membership.user,
            Membership.role,
            Membership.department,
            Membership.department.name.as_alias("department_name"),
        )
        .where((Membership.municipality == municipality_id) & Membership.user.is_in(ids))
        .order_by(Membership.id)
    ):
        roles.setdefault(m["user"], []).append(
            PersonRole(
                membership_id=m["id"], role=m["role"], department_id=m["department"], department=m["department_name"]
            )
        )
    deactivated = {
        r["user"]
        for r in await Profile.select(Profile.user).where(
            Profile.user.is_in(ids) & Profile.deactivated_at.is_not_null()
        )
    }
    invited = {
        r["user"]
        for r in await AccountToken.select(AccountToken.user).where(
            AccountToken.user.is_in(ids)
            & (AccountToken.purpose == INVITE)
            & AccountToken.used_at.is_null()
            & (AccountToken.expires_at > clock.now())
        )
    }
    return [
        Person(
            id=r["id"],
            display_name=r["first_name"] or "",
            email=r["email"],
            verified=bool(r["active"]),
            invited=r["id"] in invited,
            deactivated=r["id"] in deactivated,
            roles=roles.get(r["id"], []),
        )
        for r in rows
    ]
