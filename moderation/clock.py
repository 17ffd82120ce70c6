"""Time in one place: aware UTC datetimes (SQLite hands back naive ones)."""

from __future__ import annotations

from datetime import UTC, datetime

from geo.clock import aware as utc


def now() -> datetime:
    return datetime.now(UTC)


def aware(moment: datetime | None) -> datetime | None:
    return None if moment is None else utc(moment)
