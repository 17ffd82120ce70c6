"""Inviting a colleague by e-mail, and accepting the invitation by setting a password.

The role is granted at once; a new account is set up without a usable password and unconfirmed, so it can do
nothing until the person opens the mailed one-time link (valid seven days) and sets a password with the same
rules as a registration. That both confirms the address and logs the person in. An account that exists already
simply gets the role and a notice mail (a deactivated or never-confirmed one gets the link, to set a new
password).
"""

from __future__ import annotations

import secrets

from piccolo.apps.user.tables import BaseUser

from backend.accounts.roles import grant_recorded
from backend.accounts.schemas import InvitationCreate
from backend.accounts.services import (
    INVITE,
    check_password_rules,
    create_account,
    end_all_sessions,
    is_deactivated,
    issue_token,
    locale_for_email,
    normalise_email,
    redeem_token,
    set_password,
    user_id_by_email,
)
from backend.accounts.tables import Profile
from geo.ports import Mailer
from geo.roles import Role
from geo.tables import Department, Municipality
from moderation import audit

ROLE_NAMES = {
    "de": {
        Role.STAFF: "Mitarbeit im Fachbereich",
        Role.MODERATOR: "Moderation",
        Role.ADMIN: "Verwaltung (alle Rechte)",
        Role.COUNCIL: "Gemeinderat",
        Role.RESIDENT: "Einwohnerin oder Einwohner",
    },
    "en": {
        Role.STAFF: "Staff of a department",
        Role.MODERATOR: "Moderation",
        Role.ADMIN: "Administration (all rights)",
        Role.COUNCIL: "Council",
        Role.RESIDENT: "Resident",
    },
}


async def _role_text(role: Role, department_id: int | None, locale: str) -> str:
    text = ROLE_NAMES.get(locale, ROLE_NAMES["de"])[role]
    if department_id is not None:
        row = await Department.select(Department.name).where(Department.id == department_id).first()
        if row:
            text = f"{text} „{row['name']}“" if locale == "de" else f"{text} “{row['name']}”"
    return text


def _invite_url(base_url: str, token: str, locale: str) -> str:
    """German is the app's first language; another one is named so the page opens in the mail's language."""
    return f"{base_url}/#/invite/{token}" + ("" if locale == "de" else f"?lang={locale}")


async def invite(
    municipality: Municipality,
    data: InvitationCreate,
    *,
    actor_id: int,
    mailer: Mailer,
    base_url: str,
    hashing: str = "argon2id",
) -> bool:
    """Grant the role and mail the person; True when a new account was set up."""
    email = normalise_email(str(data.email))
    role = Role(data.role)
    async with BaseUser._meta.db.transaction():
        user_id = await user_id_by_email(email)
        created = user_id is None
        if user_id is None:
            # A password nobody knows: the account is usable only through the invitation link.
            user_id = await create_account(
                email, secrets.token_urlsafe(32), data.name, locale=data.locale, hashing=hashing
            )
        await grant_recorded(municipality.id, user_id, role, data.department_id, actor_id=actor_id)
        row = await BaseUser.select(BaseUser.active, BaseUser.first_name).where(BaseUser.id == user_id).first()
        assert row is not None
        needs_link = created or not row["active"] or await is_deactivated(user_id)
        context = {
            "name": row["first_name"] or data.name,
            "municipality": municipality.name,
            "role": await _role_text(role, data.department_id, data.locale),
        }
        if needs_link:
            token = await issue_token(user_id, INVITE)
            await mailer.send(
                to=email,
                template="accounts/invitation",
                context={**context, "invite_url": _invite_url(base_url, token, data.locale)},
                locale=data.locale,
                municipality_id=municipality.id,
            )
        else:
            locale = await locale_for_email(email)  # an existing account reads its own language
            await mailer.send(
                to=email,
                template="accounts/role_granted",
                context={
                    **context,
                    "role": await _role_text(role, data.department_id, locale),
                    "login_url": f"{base_url}/#/m/{municipality.slug}",
                },
                locale=locale,
                municipality_id=municipality.id,
            )
        await audit.record(
            municipality.id,
            "person_invited",
            actor_id=actor_id,
            subject_user_id=user_id,
            after={"role": str(role), "department_id": data.department_id, "new_account": created},
        )
    return created


async def accept(token: str, password: str, *, hashing: str = "argon2id") -> int:
    """Set the first password with the invitation's token (once, before it expires); returns the user id."""
    async with BaseUser._meta.db.transaction():
        user_id = await redeem_token(token, INVITE)
        row = await BaseUser.select(BaseUser.email).where(BaseUser.id == user_id).first()
        check_password_rules(password, row["email"] if row else "")
        await set_password(user_id, password, hashing)
        # Opening the mailed link proves the address; an account switched off before starts afresh.
        await BaseUser.update({BaseUser.active: True}).where(BaseUser.id == user_id)
        await Profile.update({Profile.deactivated_at: None}).where(Profile.user == user_id)
        await end_all_sessions(user_id)
    return user_id
