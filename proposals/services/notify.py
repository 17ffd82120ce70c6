"""Tell followers what happened: at once, or collected into a daily digest (their choice).

Every mail carries a one-click unsubscribe link with a signed token (HMAC of the person and what
they unsubscribe from), so no login is needed to stop mail.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from piccolo.apps.user.tables import BaseUser

from geo import clock
from geo.ports import Mailer
from geo.tables import Municipality
from proposals import links
from proposals.errors import InvalidToken
from proposals.tables import Follow, NotifySetting, PendingNotice, Phase

IMMEDIATE, DAILY, OFF = "immediate", "daily", "off"


@dataclass(frozen=True)
class Notice:
    text_de: str
    text_en: str
    link: str


# --- unsubscribe tokens -------------------------------------------------------------------------------


def _sign(secret: str, payload: str) -> str:
    return hmac.new(secret.encode(), payload.encode(), hashlib.sha256).hexdigest()[:32]


def unsubscribe_token(secret: str, user_id: int, kind: str = "all", target_id: int = 0) -> str:
    payload = f"{user_id}.{kind}.{target_id}"
    encoded = base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")
    return f"{encoded}.{_sign(secret, payload)}"


def read_token(secret: str, token: str) -> tuple[int, str, int]:
    try:
        encoded, signature = token.rsplit(".", 1)
        payload = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode()
        user, kind, target = payload.split(".")
        if not hmac.compare_digest(_sign(secret, payload), signature) or kind not in {
            "all",
            "proposal",
            "consultation",
        }:
            raise ValueError
        return int(user), kind, int(target)
    except ValueError:
        raise InvalidToken() from None


async def unsubscribe(secret: str, token: str) -> str:
    """Stop mail: from one followed thing, or all of it (kind 'all'). Returns the kind."""
    user_id, kind, target = read_token(secret, token)
    if kind == "proposal":
        await Follow.delete().where((Follow.user == user_id) & (Follow.proposal == target))
    elif kind == "consultation":
        await Follow.delete().where((Follow.user == user_id) & (Follow.consultation == target))
    else:
        await set_mode(user_id, OFF)
    return kind


# --- preferences ------------------------------------------------------------------------------------


async def set_mode(user_id: int, mode: str) -> None:
    async with NotifySetting._meta.db.transaction():
        if await NotifySetting.exists().where(NotifySetting.user == user_id):
            await NotifySetting.update({NotifySetting.mode: mode}).where(NotifySetting.user == user_id)
        else:
            await NotifySetting(user=user_id, mode=mode).save()


async def mode_of(user_id: int) -> str:
    row = await NotifySetting.select(NotifySetting.mode).where(NotifySetting.user == user_id).first()
    return str(row["mode"]) if row else IMMEDIATE


# --- sending ------------------------------------------------------------------------------------------


async def _recipients(user_ids: set[int]) -> list[dict[str, Any]]:
    if not user_ids:
        return []
    users = await BaseUser.select(BaseUser.id, BaseUser.email, BaseUser.first_name).where(
        BaseUser.id.is_in(list(user_ids)) & (BaseUser.active == True)  # noqa: E712
    )
    modes = {
        r["user"]: r["mode"]
        for r in await NotifySetting.select(NotifySetting.user, NotifySetting.mode).where(
            NotifySetting.user.is_in(list(user_ids))
        )
    }
    return [{**u, "mode": modes.get(u["id"], IMMEDIATE)} for u in users]


async def tell(
    user_ids: set[int],
    notice: Notice,
    *,
    municipality: Municipality,
    mailer: Mailer,
    base_url: str,
    secret: str,
    unsubscribe_kind: str = "all",
    unsubscribe_target: int = 0,
) -> int:
    """Mail each person now or queue the notice for their digest; call inside the caller's transaction."""
    sent = 0
    for person in await _recipients(user_ids):
        if person["mode"] == OFF:
            continue
        if person["mode"] == DAILY:
            await PendingNotice(
                user=person["id"],
                municipality=municipality.id,
                text_de=notice.text_de,
                text_en=notice.text_en,
                link=notice.link,
            ).save()
            continue
        token = unsubscribe_token(secret, person["id"], unsubscribe_kind, unsubscribe_target)
        await mailer.send(
            to=person["email"],
            template="proposals/notice",
            context={
                "name": person["first_name"],
                "text_de": notice.text_de,
                "text_en": notice.text_en,
                "link": notice.link,
                "unsubscribe_url": links.unsubscribe(base_url, token),
                "unsubscribe_all_url": links.unsubscribe(base_url, unsubscribe_token(secret, person["id"])),
                "municipality": municipality.name,
            },
        )
        sent += 1
    return sent


async def followers_of_proposal(proposal_id: int, consultation_id: int | None = None) -> set[int]:
    where: Any = Follow.proposal == proposal_id
    if consultation_id is not None:
        where |= Follow.consultation == consultation_id
    return {r["user"] for r in await Follow.select(Follow.user).where(where)}


async def send_digests(mailer: Mailer, base_url: str, secret: str, now: datetime | None = None) -> int:
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
        for user_id, items in by_user.items():
            if await mode_of(user_id) == OFF:
                continue
            token = unsubscribe_token(secret, user_id)
            await mailer.send(
                to=items[0]["email"],
                template="proposals/digest",
                context={
                    "name": items[0]["name"],
                    "items": items,
                    "municipality": items[0]["municipality"],
                    "unsubscribe_url": links.unsubscribe(base_url, token),
                },
            )
            mails += 1
        if rows:
            await PendingNotice.update({PendingNotice.sent_at: moment}).where(
                PendingNotice.id.is_in([r["id"] for r in rows])
            )
    return mails


async def announce_phases(mailer: Mailer, base_url: str, secret: str, now: datetime | None = None) -> int:
    """Tell the followers of each published consultation that a new phase has begun (once per phase)."""
    moment = now or clock.now()
    started = await Phase.select(
        Phase.id,
        Phase.name_de,
        Phase.name_en,
        Phase.consultation,
        Phase.consultation.title.as_alias("title"),
        Phase.consultation.municipality.as_alias("municipality"),
    ).where(
        (Phase.announced == False)  # noqa: E712
        & (Phase.starts_at <= moment)
        & (Phase.ends_at > moment)
        & (Phase.consultation.status == "published")
    )
    told = 0
    for phase in started:
        municipality = await Municipality.objects().where(Municipality.id == phase["municipality"]).first()
        assert municipality is not None
        async with Phase._meta.db.transaction():
            claimed = (
                await Phase.update({Phase.announced: True})
                .where(
                    (Phase.id == phase["id"]) & (Phase.announced == False)  # noqa: E712
                )
                .returning(Phase.id)
            )
            if not claimed:
                continue
            followers = {
                r["user"] for r in await Follow.select(Follow.user).where(Follow.consultation == phase["consultation"])
            }
            told += await tell(
                followers,
                Notice(
                    text_de=f"„{phase['title']}“: Die Phase „{phase['name_de']}“ hat begonnen.",
                    text_en=f"'{phase['title']}': the phase '{phase['name_en'] or phase['name_de']}' has begun.",
                    link=links.consultation(base_url, municipality.slug, phase["consultation"]),
                ),
                municipality=municipality,
                mailer=mailer,
                base_url=base_url,
                secret=secret,
                unsubscribe_kind="consultation",
                unsubscribe_target=phase["consultation"],
            )
    return told


async def follow(user_id: int, *, consultation_id: int | None = None, proposal_id: int | None = None) -> None:
    async with Follow._meta.db.transaction():
        where = (Follow.user == user_id) & (
            (Follow.consultation == consultation_id) if consultation_id else (Follow.proposal == proposal_id)
        )
        if not await Follow.exists().where(where):
            await Follow(user=user_id, consultation=consultation_id, proposal=proposal_id).save()


async def unfollow(user_id: int, *, consultation_id: int | None = None, proposal_id: int | None = None) -> None:
    target = (Follow.consultation == consultation_id) if consultation_id else (Follow.proposal == proposal_id)
    await Follow.delete().where((Follow.user == user_id) & target)


@dataclass(frozen=True)
class Post:
    """What a use case needs to send mail: the mailer, the site's address and the signing secret."""

    mailer: Mailer
    base_url: str
    secret: str
