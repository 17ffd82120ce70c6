"""Time in one place: `now()` as an aware UTC datetime, and `aware()` for what SQLite hands back naive.

Every stored moment is UTC. Functions that take a `now=` argument keep it (tests pass a fixed moment);
everything else asks `clock.now()`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
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


def shifted(moment: datetime, delta: timedelta) -> datetime:
    """`moment + delta`, held at the ends of the calendar (years 1 and 9999) instead of overflowing."""
    try:
        return moment + delta
    except OverflowError:
        end = datetime.max if delta > timedelta(0) else datetime.min
        return end.replace(tzinfo=moment.tzinfo)


def next_midnight(day: date, zone: tzinfo = UTC) -> datetime:
    """The first moment after `day` in `zone` (the end of a period "up to and including `day`"); after
    9999-12-31, the calendar's last moment."""
    return shifted(datetime.combine(day, time.min, tzinfo=zone), timedelta(days=1))
