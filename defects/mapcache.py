"""A memory of expensive map answers (counts and clusters), per process or shared through Redis.

Aggregating a million rows takes about a second, and every visitor of the city map asks the same
question. Count answers are kept for CACHE_SECONDS, only when they summarise at least CACHE_FROM_ROWS reports
(small towns and tests always get fresh numbers), and forgotten at once in this process when a report
of the municipality changes; other workers may show counts up to CACHE_SECONDS old.

Cluster answers (`aget`/`aput`) are keyed by the town's map version, which the database raises in the same
transaction as every change of a report (defects/mapcells_sql.py), and by the range of cells: never stale, in
any worker. With REDIS_URL they are shared by all workers (`share_through`, a key-value store with
`get`/`set(expires_in=)`, e.g. Litestar's RedisStore); without, each process keeps its own.
"""

from __future__ import annotations

import hashlib
import json
import time
from typing import Any

CACHE_SECONDS = 30.0
SHARED_SECONDS = 300  # versioned keys never go stale; this only bounds the memory of old versions
CACHE_FROM_ROWS = 5_000
MAX_ENTRIES = 2_000

_entries: dict[tuple[Any, ...], tuple[float, Any]] = {}
_shared: Any = None
_enabled = True


def share_through(store: Any, *, enabled: bool = True) -> None:
    """Keep the versioned answers in `store` (shared by every worker), or in this process when None;
    none at all when not `enabled`."""
    global _shared, _enabled
    _shared, _enabled = store, enabled


def get(key: tuple[Any, ...]) -> Any | None:
    if not _enabled:
        return None
    found = _entries.get(key)
    if found is None:
        return None
    expires, value = found
    if expires < time.monotonic():
        _entries.pop(key, None)
        return None
    return value


def put(key: tuple[Any, ...], value: Any, rows: int) -> None:
    if rows < CACHE_FROM_ROWS or not _enabled:
        return
    if len(_entries) >= MAX_ENTRIES:
        _entries.clear()  # crude but bounded; the next requests refill what is hot
    _entries[key] = (time.monotonic() + CACHE_SECONDS, value)


def _name(key: tuple[Any, ...]) -> str:
    return hashlib.sha256(repr(key).encode()).hexdigest()[:32]


async def aget(key: tuple[Any, ...]) -> Any | None:
    """A versioned answer (JSON-shaped), from the shared store when there is one."""
    if not _enabled:
        return None
    if _shared is None:
        return get(key)
    raw = await _shared.get(_name(key))
    return None if raw is None else json.loads(raw)


async def aput(key: tuple[Any, ...], value: Any, rows: int) -> None:
    if rows < CACHE_FROM_ROWS or not _enabled:
        return
    if _shared is None:
        put(key, value, rows)
        return
    await _shared.set(_name(key), json.dumps(value, separators=(",", ":")), expires_in=SHARED_SECONDS)


def forget(municipality_id: int | None = None) -> None:
    """Drop the answers of one municipality (all, when None) after a report changed."""
    if municipality_id is None:
        _entries.clear()
        return
    for key in [k for k in _entries if k[0] == municipality_id]:
        del _entries[key]
