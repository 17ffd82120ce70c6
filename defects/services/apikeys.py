"""Open311 API keys: issued per municipality by its admins (only a hash is stored), listed, revoked, trusted.

Every change is in the audit log with the key's id in its before/after (not as `item_id`, which names
moderation items: a key's entry must not show up in a moderation item's history).

Each key is also the unit of the Open311 write limits: POSTs per key and hour, and confirmation mails per
address and hour (so a key cannot be used to mail one person a link per request).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from defects.errors import InvalidApiKey, TooManyRequests
from defects.schemas import ApiKey as ApiKeyOut
from defects.services.filing import ApiSource
from defects.tables import ApiKey, Report
from geo import clock
from geo.errors import NotFound
from moderation import audit

WINDOW = timedelta(hours=1)


@dataclass(frozen=True)
class Limits:
    """Open311 POSTs allowed per key and hour, and reports per reporter address and hour (over all keys)."""

    per_key: int
    per_address: int


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


async def issue_key(
    municipality_id: int,
    label: str,
    key: str | None = None,
    *,
    trusted: bool = False,
    actor_id: int | None = None,
) -> tuple[int, str]:
    """A new key (shown once). `key` lets the demo ship a known one."""
    key = key or secrets.token_urlsafe(24)
    async with ApiKey._meta.db.transaction():
        row = ApiKey(municipality=municipality_id, label=label, key_hash=_digest(key), trusted=trusted)
        await row.save()
        await audit.record(
            municipality_id,
            "open311_key_issued",
            actor_id=actor_id,
            after={"key_id": row.id, "label": label, "trusted": trusted},
        )
    return row.id, key


async def check_key(municipality_id: int, key: str | None) -> ApiSource:
    """The key as the source of a report, or InvalidApiKey (403) when it is missing, unknown, revoked or of
    another municipality."""
    if not key:
        raise InvalidApiKey()
    row = (
        await ApiKey.select(ApiKey.id, ApiKey.trusted)
        .where(
            (ApiKey.key_hash == _digest(key)) & (ApiKey.municipality == municipality_id) & ApiKey.revoked_at.is_null()
        )
        .first()
    )
    if row is None:
        raise InvalidApiKey()
    await ApiKey.update({ApiKey.last_used_at: clock.now()}).where(ApiKey.id == row["id"])
    return ApiSource(key_id=int(row["id"]), trusted=bool(row["trusted"]))


async def find_key(municipality_id: int, key: str | None) -> ApiSource | None:
    """Like check_key, but None for a missing or invalid key (reading works without one)."""
    try:
        return await check_key(municipality_id, key)
    except InvalidApiKey:
        return None


async def list_keys(municipality_id: int) -> list[ApiKeyOut]:
    since = clock.now() - WINDOW
    rows = await ApiKey.select().where(ApiKey.municipality == municipality_id).order_by(ApiKey.id)
    recent: dict[int, int] = {}
    for r in await Report.select(Report.api_key).where(
        (Report.municipality == municipality_id) & Report.api_key.is_not_null() & (Report.created_at > since)
    ):
        recent[r["api_key"]] = recent.get(r["api_key"], 0) + 1
    return [
        ApiKeyOut(
            id=r["id"],
            label=r["label"],
            trusted=bool(r["trusted"]),
            created_at=r["created_at"],
            revoked_at=r["revoked_at"],
            last_used_at=r["last_used_at"],
            requests_last_hour=recent.get(r["id"], 0),
        )
        for r in rows
    ]


async def _existing(municipality_id: int, key_id: int) -> None:
    if not await ApiKey.exists().where((ApiKey.id == key_id) & (ApiKey.municipality == municipality_id)):
        raise NotFound("Diesen Schlüssel gibt es hier nicht.", "There is no such key here.", field="id")


async def revoke_key(municipality_id: int, key_id: int, *, actor_id: int | None = None) -> None:
    """The key stops working at once; its reports stay. Revoking twice keeps the first date."""
    async with ApiKey._meta.db.transaction():
        await _existing(municipality_id, key_id)
        revoked = (
            await ApiKey.update({ApiKey.revoked_at: clock.now()})
            .where((ApiKey.id == key_id) & ApiKey.revoked_at.is_null())
            .returning(ApiKey.id)
        )
        if revoked:
            await audit.record(municipality_id, "open311_key_revoked", actor_id=actor_id, after={"key_id": key_id})


async def set_trusted(municipality_id: int, key_id: int, trusted: bool, *, actor_id: int | None = None) -> None:
    async with ApiKey._meta.db.transaction():
        await _existing(municipality_id, key_id)
        before = await ApiKey.select(ApiKey.trusted).where(ApiKey.id == key_id).first()
        await ApiKey.update({ApiKey.trusted: trusted}).where(ApiKey.id == key_id)
        await audit.record(
            municipality_id,
            "open311_key_trusted" if trusted else "open311_key_distrusted",
            actor_id=actor_id,
            before={"key_id": key_id, "trusted": bool(before["trusted"]) if before else None},
            after={"key_id": key_id, "trusted": trusted},
        )


def _retry_after(oldest: datetime | None, now: datetime) -> int:
    if oldest is None:
        return int(WINDOW.total_seconds())
    return max(1, int((clock.aware(oldest) + WINDOW - now).total_seconds()) + 1)


async def check_limits(municipality_id: int, source: ApiSource, email: str, limits: Limits) -> None:
    """TooManyRequests (429, with the seconds to wait) when the key or the reporter address is over its limit."""
    now = clock.now()
    since = now - WINDOW
    by_key = (
        await Report.select(Report.created_at)
        .where((Report.api_key == source.key_id) & (Report.created_at > since))
        .order_by(Report.created_at)
    )
    if len(by_key) >= limits.per_key:
        raise TooManyRequests(_retry_after(by_key[-limits.per_key]["created_at"], now), field="api_key")
    if email:
        by_address = (
            await Report.select(Report.created_at)
            .where(
                (Report.reporter_email == email.lower()) & (Report.channel == "open311") & (Report.created_at > since)
            )
            .order_by(Report.created_at)
        )
        if len(by_address) >= limits.per_address:
            raise TooManyRequests(_retry_after(by_address[-limits.per_address]["created_at"], now), field="email")
