"""Telling followers what happened: at once, in one daily digest, or not at all (each person's choice).

Every notification mail goes through `tell` and carries two signed one-click links (no login needed):
"stop mails about this" (unfollow the target) and "no more mails" (preference off; for an address
without an account: stop every follow of that address). Tokens are signed with itsdangerous, salted so a
token of another purpose can never pass as an unsubscribe token.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from itsdangerous import BadSignature, URLSafeSerializer
from piccolo.apps.user.tables import BaseUser

from contributions import following
from contributions.errors import InvalidToken
from contributions.following import Followers, Target
from contributions.links import Links
from contributions.registry import PersonalData
from contributions.tables import NotificationPreference, PendingNotice
from geo import clock
from geo.ports import Mailer
from geo.tables import Municipality

IMMEDIATE, DAILY, OFF = "immediate", "daily", "off"
MODES = (IMMEDIATE, DAILY, OFF)
SALT = "stadtstimme.unsubscribe"
ONE, ALL = "one", "all"


@dataclass(frozen=True)
class Notice:
    """One piece of news: a line for the digest, and the mail sent at once (by default a plain notice)."""

    text_de: str
    text_en: str
    link: str
    template: str = "contributions/notice"
    context: Mapping[str, Any] = field(default_factory=dict)
    locales: Mapping[str, str] = field(default_factory=dict)  # address -> language of the mail sent at once


@dataclass(frozen=True)
class Post:
    """What a use case needs to send mail: the mailer, the frontend's addresses and the signing secret."""

    mailer: Mailer
    links: Links
    secret: str


# --- unsubscribe tokens -------------------------------------------------------------------------------


def _serializer(secret: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret, salt=SALT)


def unsubscribe_token(secret: str, *, user_id: int | None = None, email: str = "", about: Target | None = None) -> str:
    """A link's token: whom it concerns (account or address), and the target, or everything when None."""
    payload: dict[str, Any] = {"u": user_id} if user_id is not None else {"e": email.lower()}
    if about is not None:
        payload.update(t=about.content_type, i=about.content_id)
    return str(_serializer(secret).dumps(payload))


def read_token(secret: str, token: str) -> tuple[int | None, str, Target | None]:
    try:
        payload = _serializer(secret).loads(token)
        user_id = payload.get("u")
        email = str(payload.get("e") or "")
        about = Target(str(payload["t"]), int(payload["i"])) if "t" in payload else None
    except (BadSignature, AttributeError, KeyError, TypeError, ValueError):
        raise InvalidToken() from None
    if user_id is None and not email:
        raise InvalidToken()
    return (int(user_id) if user_id is not None else None), email, about


async def unsubscribe(secret: str, token: str) -> str:
    """Stop mail about one target (returns "one") or all mail (returns "all")."""
    user_id, email, about = read_token(secret, token)
    if about is not None:
        await following.unfollow(about, user_id=user_id, email=email)
        return ONE
    if user_id is not None:
        await set_mode(user_id, OFF)
    else:
        await following.unfollow_all(email=email)
    return ALL


# --- preferences ------------------------------------------------------------------------------------


async def set_mode(user_id: int, mode: str) -> None:
    if mode not in MODES:
        raise ValueError(mode)
    async with NotificationPreference._meta.db.transaction():
        if await NotificationPreference.exists().where(NotificationPreference.user == user_id):
            await NotificationPreference.update({NotificationPreference.mode: mode}).where(
                NotificationPreference.user == user_id
            )
        else:
            await NotificationPreference(user=user_id, mode=mode).save()


async def mode_of(user_id: int) -> str:
    row = (
        await NotificationPreference.select(NotificationPreference.mode)
        .where(NotificationPreference.user == user_id)
        .first()
    )
    return str(row["mode"]) if row else IMMEDIATE


async def modes_of(user_ids: list[int]) -> dict[int, str]:
    """The preference of many people in one query (immediate where none is stored)."""
    rows = await NotificationPreference.select(NotificationPreference.user, NotificationPreference.mode).where(
        NotificationPreference.user.is_in(user_ids)
    )
    stored = {r["user"]: str(r["mode"]) for r in rows}
    return {user_id: stored.get(user_id, IMMEDIATE) for user_id in user_ids}


# --- sending ------------------------------------------------------------------------------------------


async def _people(user_ids: Iterable[int]) -> list[dict[str, Any]]:
    ids = list(set(user_ids))
    if not ids:
        return []
    users = await BaseUser.select(BaseUser.id, BaseUser.email, BaseUser.first_name).where(
        BaseUser.id.is_in(ids) & (BaseUser.active == True)  # noqa: E712
    )
    modes = await modes_of(ids)
    return [{**u, "mode": modes[u["id"]]} for u in users if u["email"]]


async def tell(
    recipients: Followers | Iterable[int],
    notice: Notice,
    *,
    municipality: Municipality,
    post: Post,
    about: Target | None = None,
) -> int:
    """Mail each person now, queue the notice for their digest, or nothing, as they chose; addresses without an
    account get it at once. Call inside the caller's transaction (mails go out once it commits). Returns the
    number of mails sent now."""
    if isinstance(recipients, Followers):
        user_ids, emails = set(recipients.users), set(recipients.emails)
    else:
        user_ids, emails = set(recipients), set()
    if emails:  # an address that belongs to an account is that person, with their preference
        owners = await BaseUser.select(BaseUser.id).where(BaseUser.email.is_in(sorted(emails)))
        user_ids |= {o["id"] for o in owners}
    sent = 0
    people = await _people(user_ids)
    for person in people:
        emails.discard(str(person["email"]).lower())  # one mail per address, as the person chose
        if person["mode"] == OFF:
            continue
        if person["mode"] == DAILY:
            await PendingNotice(
                user=person["id"],
                municipality=municipality.id,
                content_type=about.content_type if about else "",
                content_id=about.content_id if about else None,
                text_de=notice.text_de,
                text_en=notice.text_en,
                link=notice.link,
            ).save()
            continue
        await _send_now(
            person["email"], notice, municipality, post, about, user_id=person["id"], name=person["first_name"] or ""
        )
        sent += 1
    for email in sorted(emails):
        await _send_now(email, notice, municipality, post, about, email=email)
        sent += 1
    return sent


async def _send_now(
    to: str,
    notice: Notice,
    municipality: Municipality,
    post: Post,
    about: Target | None,
    *,
    user_id: int | None = None,
    email: str = "",
    name: str = "",
) -> None:
    def link(target: Target | None) -> str:
        return post.links.unsubscribe(unsubscribe_token(post.secret, user_id=user_id, email=email, about=target))

    everything = link(None)
    await post.mailer.send(
        to=to,
        template=notice.template,
        context={
            "name": name,
            "text_de": notice.text_de,
            "text_en": notice.text_en,
            "link": notice.link,
            "municipality": municipality.name,
            **notice.context,
            "unsubscribe_url": link(about) if about else everything,
            "unsubscribe_all_url": everything,
        },
        locale=notice.locales.get(to.lower(), "de"),
        municipality_id=municipality.id,
    )


def _only_one(ids: set[int]) -> int | None:
    return next(iter(ids)) if len(ids) == 1 else None


async def send_digests(post: Post, now: datetime | None = None) -> int:
    """One mail per person with everything queued since their last digest; returns the number of mails."""
    moment = now or clock.now()
    mails = 0
    async with PendingNotice._meta.db.transaction():
        rows = (
            await PendingNotice.select(
                PendingNotice.id,
                PendingNotice.user,
                PendingNotice.user.email.as_alias("email"),
                PendingNotice.user.first_name.as_alias("name"),
                PendingNotice.municipality.name.as_alias("municipality"),
                PendingNotice.municipality.id.as_alias("municipality_id"),
                PendingNotice.text_de,
                PendingNotice.text_en,
                PendingNotice.link,
            )
            .where(PendingNotice.sent_at.is_null())
            .order_by(PendingNotice.id)
        )
        by_user: dict[int, list[dict[str, Any]]] = {}
        for row in rows:
            by_user.setdefault(row["user"], []).append(row)
        modes = await modes_of(list(by_user)) if by_user else {}
        for user_id, items in by_user.items():
            if modes[user_id] == OFF:
                continue
            await post.mailer.send(
                to=items[0]["email"],
                template="contributions/digest",
                context={
                    "name": items[0]["name"] or "",
                    "items": items,
                    "municipality": items[0]["municipality"],
                    "unsubscribe_url": post.links.unsubscribe(unsubscribe_token(post.secret, user_id=user_id)),
                },
                # A digest about one municipality shows in its outbox; one about several in none of them.
                municipality_id=_only_one({item["municipality_id"] for item in items}),
            )
            mails += 1
        if rows:
            await PendingNotice.update({PendingNotice.sent_at: moment}).where(
                PendingNotice.id.is_in([r["id"] for r in rows])
            )
    return mails


# --- personal data (DSGVO) ------------------------------------------------------------------------------


async def export_for(user_id: int) -> dict[str, Any]:
    """What a person follows, how they want to hear of it, and what waits for (or went into) their digest."""
    notices = (
        await PendingNotice.select(
            PendingNotice.text_de,
            PendingNotice.text_en,
            PendingNotice.link,
            PendingNotice.created_at,
            PendingNotice.sent_at,
        )
        .where(PendingNotice.user == user_id)
        .order_by(PendingNotice.id)
    )
    return {
        "follows": await following.follows_of(user_id),
        "notification_mode": await mode_of(user_id),
        "queued_notices": list(notices),
    }


async def forget(user_id: int) -> None:
    """Before the account row goes: its follows, preference and notices, and follows by its address."""
    await following.unfollow_all(user_id=user_id)  # with the follows by the account's address
    await PendingNotice.delete().where(PendingNotice.user == user_id)
    await NotificationPreference.delete().where(NotificationPreference.user == user_id)


PERSONAL_DATA = PersonalData(section="following", export=export_for, erase=forget)
