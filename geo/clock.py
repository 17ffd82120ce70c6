"""Moments as aware UTC datetimes: every stored moment is UTC, but SQLite hands them back naive."""

from __future__ import annotations

from datetime import UTC, datetime


def aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
