"""Per-worker caches of what changes rarely, each checked against a version counter on every request.

Database triggers bump a counter in `cache_version` in the same transaction as every change to a municipality,
consultation or phase (scope "context") and to a proposal's pin (scope "pins"; migration proposals
2026-12-02T18:10). A request reads the counters once (one small query, shared by every cache it asks) and a
cached value counts only while its counter is unchanged. So every worker sees a committed change at its next
request: several workers or machines on one database never serve stale data past the request already running.
Only reading requests (GET, HEAD) use the caches: a write, and what it reads back in the same request, always
goes to the database, and nothing loaded inside a transaction that may still roll back is kept. Without a request
scope (writes, CLI, scheduled jobs, tests calling services) every lookup loads from the database.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable
from contextvars import ContextVar, Token
from typing import Any, Generic, TypeVar

from geo.tables import Municipality

T = TypeVar("T")
_request: ContextVar[dict[str, Any] | None] = ContextVar("stadtstimme_cache_versions", default=None)
_caches: list[VersionedCache[Any]] = []


def begin_request() -> Token[dict[str, Any] | None]:
    """Start a reading request: the counters are read at most once until `end_request` (tasks it starts share them)."""
    return _request.set({})


def end_request(token: Token[dict[str, Any] | None]) -> None:
    _request.reset(token)


async def current() -> dict[str, int]:
    """The counters as this request sees them (read on first use)."""
    holder = _request.get()
    if holder is not None and "versions" in holder:
        found: dict[str, int] = holder["versions"]
        return found
    rows = await Municipality.raw("SELECT scope, version FROM cache_version")
    versions = {str(row["scope"]): int(row["version"]) for row in rows}
    if holder is not None:
        holder["versions"] = versions
    return versions


class VersionedCache(Generic[T]):
    """Values by key, each valid while the counter of `scope` keeps the value it had when the value was loaded."""

    def __init__(self, scope: str, max_items: int = 4096) -> None:
        self.scope = scope
        self.max_items = max_items
        self._items: dict[Hashable, tuple[int, T]] = {}
        _caches.append(self)

    async def get(self, key: Hashable, load: Callable[[], Awaitable[T]]) -> T:
        # The counter is read before the value is loaded: a change committed in between leaves the value under
        # the older counter, so the next request loads it again (never a new counter over old data).
        if _request.get() is None:
            return await load()
        version = (await current()).get(self.scope)
        if version is None:  # no counter row: never trust a copy
            return await load()
        hit = self._items.get(key)
        if hit is not None and hit[0] == version:
            return hit[1]
        value = await load()
        if len(self._items) >= self.max_items:
            self._items.clear()
        self._items[key] = (version, value)
        return value

    def forget(self) -> None:
        self._items.clear()


def forget_all() -> None:
    """Empty every cache of this process (tests, after they empty the tables)."""
    for cache in _caches:
        cache.forget()
