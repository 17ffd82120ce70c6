"""The data-protection rights of a person (DSGVO Art. 15, 17, 20): export everything, delete the account.

Every package contributes what it holds about a person through the application's `Registry`
(`backend.wiring`): each content type and each holder of personal data has an exporter and an eraser.
The erasers run first (anonymise contributions, drop private rows), then the BaseUser row goes, and
its cascades take what is left (profile, memberships, tokens).
"""

from __future__ import annotations

from typing import Any

from piccolo.apps.user.tables import BaseUser

from backend.accounts.errors import InvalidCredentials
from backend.accounts.passwords import verify_password
from backend.accounts.tables import Profile
from contributions.registry import Registry
from geo import clock
from geo.tables import Membership


async def _account_section(user_id: int) -> dict[str, Any]:
    user = (
        await BaseUser.select(BaseUser.email, BaseUser.first_name, BaseUser.active, BaseUser.last_login)
        .where(BaseUser.id == user_id)
        .first()
    )
    profile = await Profile.select(Profile.locale, Profile.created_at).where(Profile.user == user_id).first()
    roles = await Membership.select(Membership.municipality.name, Membership.role, Membership.department.name).where(
        Membership.user == user_id
    )
    return {
        "email": user["email"] if user else None,
        "display_name": user["first_name"] if user else None,
        "email_verified": bool(user and user["active"]),
        "last_login": user["last_login"].isoformat() if user and user["last_login"] else None,
        "locale": profile["locale"] if profile else None,
        "registered_at": profile["created_at"].isoformat() if profile else None,
        "roles": [
            {"municipality": r["municipality.name"], "role": r["role"], "department": r["department.name"]}
            for r in roles
        ],
    }


async def export_data(user_id: int, registry: Registry) -> dict[str, Any]:
    """Everything the platform holds about the person, as one JSON document."""
    data: dict[str, Any] = {
        "exported_at": clock.now().isoformat(),
        "account": await _account_section(user_id),
    }
    for section, exporter in sorted(registry.exporters().items()):
        data[section] = await exporter(user_id)
    return data


async def delete_account(user_id: int, password: str, registry: Registry, *, hashing: str = "argon2id") -> None:
    """Delete the account after the password confirms it is the person themself."""
    row = await BaseUser.select(BaseUser.password).where(BaseUser.id == user_id).first()
    if row is None or not verify_password(row["password"], password, hashing):
        raise InvalidCredentials()
    async with BaseUser._meta.db.transaction():
        for eraser in registry.erasers():
            await eraser(user_id)
        await BaseUser.delete().where(BaseUser.id == user_id)
