"""Time in one place: `now()` as an aware UTC datetime, and `aware()` for what SQLite hands back naive.

Every stored moment is UTC. Functions that take a `now=` argument keep it (tests pass a fixed moment);
everything else asks `clock.now()`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import overload


def now() -> datetime:
    """The current moment, aware, in UTC."""
    return datetime.now(UTC)


@overload
def aware(moment: datetime) -> datetime: ...
@overload
def aware(moment: None) -> None: ...
@overload
def aware(moment: datetime | None) -> datetime | None: ...
def aware(moment: datetime | None) -> datetime | None:
    """`moment` with UTC attached when it came back naive (SQLite); None stays None."""
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
