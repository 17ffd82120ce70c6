"""A short-lived, per-process memory of expensive map answers (city-wide counts and clusters).

Aggregating a million rows takes about a second, and every visitor of the city map asks the same
question. Answers are kept for CACHE_SECONDS, only when they summarise at least CACHE_FROM_ROWS reports
(small towns and tests always get fresh numbers), and forgotten at once in this process when a report
of the municipality changes; other workers may show counts up to CACHE_SECONDS old.
"""

from __future__ import annotations

import time
from typing import Any

CACHE_SECONDS = 30.0
CACHE_FROM_ROWS = 5_000
MAX_ENTRIES = 2_000

_entries: dict[tuple[Any, ...], tuple[float, Any]] = {}


def get(key: tuple[Any, ...]) -> Any | None:
    found = _entries.get(key)
    if found is None:
        return None
    expires, value = found
    if expires < time.monotonic():
        _entries.pop(key, None)
        return None
    return value


def put(key: tuple[Any, ...], value: Any, rows: int) -> None:
    if rows < CACHE_FROM_ROWS:
        return
    if len(_entries) >= MAX_ENTRIES:
        _entries.clear()  # crude but bounded; the next requests refill what is hot
    _entries[key] = (time.monotonic() + CACHE_SECONDS, value)


def forget(municipality_id: int | None = None) -> None:
    """Drop the answers of one municipality (all, when None) after a report changed."""
    if municipality_id is None:
        _entries.clear()
        return
    for key in [k for k in _entries if k[0] == municipality_id]:
        del _entries[key]
