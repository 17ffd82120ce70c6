"""Giving and taking roles in a municipality, and deactivating its people; every change in the audit log.

Granting over the API is never to a stranger picked by id: by id only someone who already belongs to or took
part in the municipality (`moderation.people`), so an admin of one municipality cannot probe or co-opt the
accounts of another; a new colleague or resident is found by the e-mail address they gave the admin. Either
way an unknown person is the same 404.

Deactivating, and tenancy: an admin acts for one municipality only. Deactivating a person always removes their
roles here; the account itself is switched off (no login, every session ended) only when it belongs to this
municipality alone, i.e. it holds no role and has no contribution or flag in any other municipality and is not a
platform operator. An admin of town A can therefore never lock out someone town B relies on.
"""

from __future__ import annotations

from typing import Any

from piccolo.apps.user.tables import BaseUser

from backend.accounts.errors import LastAdmin, NotYourself
from backend.accounts.services import end_all_sessions, normalise_email
from backend.accounts.tables import Profile
from geo import clock
from geo import services as geo
from geo.errors import NotFound
from geo.roles import Role
from geo.schemas import RoleGrant
from geo.tables import Membership
from moderation import audit
from moderation.people import PersonNotFound, ensure_known_in
from moderation.tables import Flag, ModerationItem


class RoleNotFound(NotFound):
    code = "role-not-found"

    def __init__(self) -> None:
        super().__init__("Diese Rolle gibt es hier nicht.", "There is no such role here.", field="membership_id")


async def grant(municipality_id: int, data: RoleGrant, actor_id: int | None = None) -> None:
    if data.user_id is not None:
        await ensure_known_in(municipality_id, data.user_id)
        user_id = data.user_id
    else:
        found = await BaseUser.select(BaseUser.id).where(BaseUser.email == normalise_email(data.email or "")).first()
        if found is None:
            raise PersonNotFound("email")
        user_id = int(found["id"])
    async with Membership._meta.db.transaction():
        await grant_recorded(municipality_id, user_id, data.role, data.department_id, actor_id=actor_id)


async def grant_recorded(
    municipality_id: int, user_id: int, role: Role, department_id: int | None, *, actor_id: int | None
) -> None:
    """geo.grant_role, with its audit entry (inside the caller's transaction)."""
    await geo.grant_role(user_id, municipality_id, role, department_id)
    await audit.record(
        municipality_id,
        "role_granted",
        actor_id=actor_id,
        subject_user_id=user_id,
        after={"role": str(role), "department_id": department_id},
    )


async def _other_admins(municipality_id: int, user_id: int) -> int:
    """Admins of the municipality other than `user_id` whose account still works."""
    switched_off = Profile.select(Profile.user).where(Profile.deactivated_at.is_not_null())
    return await Membership.count().where(
        (Membership.municipality == municipality_id)
        & (Membership.role == Role.ADMIN)
        & (Membership.user != user_id)
        & Membership.user.not_in(switched_off)
    )


async def revoke(municipality_id: int, membership_id: int, *, actor_id: int) -> None:
    """Take one role away; the last admin's admin role stays (LastAdmin)."""
    async with Membership._meta.db.transaction():
        row = (
            await Membership.select(Membership.user, Membership.role, Membership.department)
            .where((Membership.id == membership_id) & (Membership.municipality == municipality_id))
            .first()
        )
        if row is None:
            raise RoleNotFound()
        if row["role"] == Role.ADMIN and not await _other_admins(municipality_id, row["user"]):
            raise LastAdmin()
        await Membership.delete().where(Membership.id == membership_id)
        await audit.record(
            municipality_id,
            "role_revoked",
            actor_id=actor_id,
            subject_user_id=row["user"],
            before={"role": row["role"], "department_id": row["department"]},
        )


async def belongs_elsewhere(municipality_id: int, user_id: int) -> bool:
    """A role, a contribution or a flag in another municipality, or a platform operator's account."""
    operator = await BaseUser.select(BaseUser.superuser, BaseUser.admin).where(BaseUser.id == user_id).first()
    if operator and (operator["superuser"] or operator["admin"]):
        return True
    if await Membership.exists().where((Membership.user == user_id) & (Membership.municipality != municipality_id)):
        return True
    if await ModerationItem.exists().where(
        (ModerationItem.author == user_id) & (ModerationItem.municipality != municipality_id)
    ):
        return True
    return await Flag.exists().where((Flag.user == user_id) & (Flag.item.municipality != municipality_id))


async def deactivate(municipality_id: int, user_id: int, *, actor_id: int) -> str:
    """Remove the person's roles here, and switch the account off if it belongs here alone.

    Returns "platform" when the account was switched off, "municipality" when only the roles here went."""
    if user_id == actor_id:
        raise NotYourself()
    async with Membership._meta.db.transaction():
        rows = await Membership.select(Membership.role, Membership.department).where(
            (Membership.user == user_id) & (Membership.municipality == municipality_id)
        )
        if not rows:
            raise PersonNotFound()
        if any(r["role"] == Role.ADMIN for r in rows) and not await _other_admins(municipality_id, user_id):
            raise LastAdmin(field="user_id")
        before: dict[str, Any] = {"roles": sorted(r["role"] for r in rows)}
        await Membership.delete().where((Membership.user == user_id) & (Membership.municipality == municipality_id))
        scope = "municipality" if await belongs_elsewhere(municipality_id, user_id) else "platform"
        if scope == "platform":
            updated = (
                await Profile.update({Profile.deactivated_at: clock.now()})
                .where(Profile.user == user_id)
                .returning(Profile.id)
            )
            if not updated:
                await Profile(user=user_id, deactivated_at=clock.now()).save()
            await end_all_sessions(user_id)
        await audit.record(
            municipality_id,
            "person_deactivated",
            actor_id=actor_id,
            subject_user_id=user_id,
            before=before,
            after={"roles": [], "account": "deactivated" if scope == "platform" else "kept"},
        )
    return scope
