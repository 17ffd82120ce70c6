"""Open311 API keys: issued per municipality by its admins; only a hash is stored."""

from __future__ import annotations

import hashlib
import secrets

from defects.errors import InvalidApiKey
from defects.tables import ApiKey


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


async def issue_key(municipality_id: int, label: str, key: str | None = None) -> tuple[int, str]:
    """A new key (shown once). `key` lets the demo ship a known one."""
    key = key or secrets.token_urlsafe(24)
    row = ApiKey(municipality=municipality_id, label=label, key_hash=_digest(key))
    await row.save()
    return row.id, key


async def check_key(municipality_id: int, key: str | None) -> int:
    """The key's id, or InvalidApiKey (403) when it is missing, unknown, revoked or of another municipality."""
    if not key:
        raise InvalidApiKey()
    row = (
        await ApiKey.select(ApiKey.id)
        .where(
            (ApiKey.key_hash == _digest(key)) & (ApiKey.municipality == municipality_id) & ApiKey.revoked_at.is_null()
        )
        .first()
    )
    if row is None:
        raise InvalidApiKey()
    return int(row["id"])
