"""One statement straight on a pooled asyncpg connection, for the few paths every request takes.

Piccolo's query building and result handling cost ~0.6 ms of CPU per query here, raw asyncpg ~0.15 ms. On
PostgreSQL, outside a transaction, `fetch` runs the statement on a connection from the engine's pool (asyncpg
prepares it once per connection); it answers None elsewhere (SQLite, no pool, inside a transaction), and the
caller then takes its ordinary Piccolo path, so both engines keep the same behaviour.
"""

from __future__ import annotations

import asyncio
import weakref
from typing import Any

from piccolo.table import Table

ACQUIRE_TIMEOUT_SECONDS = 5.0  # as backend/database.py waits for a pooled connection


async def fetch(table: type[Table], sql: str, *args: Any) -> list[Any] | None:
    """Rows (asyncpg records) of `sql` with $1… parameters, or None when the caller must use Piccolo."""
    if not available(table):
        return None
    pool = table._meta.db.pool  # type: ignore[attr-defined]
    connection = await pool.acquire(timeout=ACQUIRE_TIMEOUT_SECONDS)
    try:
        rows: list[Any] = await connection.fetch(sql, *args)
        return rows
    finally:
        await pool.release(connection)


class _Together:
    """The keys waiting for one statement on one event loop, and whether its round trip is under way."""

    def __init__(self) -> None:
        self.waiting: dict[tuple[Any, ...], list[asyncio.Future[list[Any]]]] = {}
        self.running: asyncio.Task[None] | None = None


_together: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[str, _Together]] = weakref.WeakKeyDictionary()
MAX_KEYS_TOGETHER = 500


def available(table: type[Table]) -> bool:
    """Whether the pool may serve `table` directly: PostgreSQL with a pool, outside a transaction (whose
    connection and commit a statement on another connection cannot see)."""
    db = table._meta.db
    return (
        db.engine_type == "postgres" and getattr(db, "pool", None) is not None and db.current_transaction.get() is None
    )


async def fetch_together(
    table: type[Table], sql: str, key: tuple[Any, ...], key_columns: tuple[str, ...]
) -> list[Any] | None:
    """The rows of `key` from a statement that looks up many keys at once, shared with the lookups of the same
    statement arriving while its previous round trip runs (one round trip for all of them, not one each).

    `sql` takes one array per part of the key ($1, $2, …) and returns the key's columns (`key_columns`) in each
    row. A lookup alone goes at once; under load they queue behind at most one round trip, which started before
    they arrived, so no lookup reads older data than a query of its own would. None where `fetch` says None."""
    if not available(table):
        return None
    loop = asyncio.get_running_loop()
    statements = _together.get(loop)
    if statements is None:
        statements = _together[loop] = {}
    batch = statements.get(sql)
    if batch is None:
        batch = statements[sql] = _Together()
    answer: asyncio.Future[list[Any]] = loop.create_future()
    batch.waiting.setdefault(key, []).append(answer)
    if batch.running is None:
        batch.running = loop.create_task(_drain(table, sql, key_columns, batch))
    rows: list[Any] = await asyncio.shield(answer)
    return rows


async def _drain(table: type[Table], sql: str, key_columns: tuple[str, ...], batch: _Together) -> None:
    try:
        while batch.waiting:
            keys = list(batch.waiting)[:MAX_KEYS_TOGETHER]
            answers = {k: batch.waiting.pop(k) for k in keys}
            try:
                rows = await fetch(table, sql, *([k[i] for k in keys] for i in range(len(key_columns))))
                if rows is None:
                    raise RuntimeError("no connection pool")
            except Exception as error:
                for futures in answers.values():
                    for future in futures:
                        if not future.done():
                            future.set_exception(error)
                continue
            found: dict[tuple[Any, ...], list[Any]] = {k: [] for k in keys}
            for row in rows:
                found.setdefault(tuple(row[c] for c in key_columns), []).append(row)
            for k, futures in answers.items():
                for future in futures:
                    if not future.done():
                        future.set_result(found[k])
    except BaseException as error:  # cancelled (shutdown): nobody may wait for an answer that never comes
        for futures in batch.waiting.values():
            for future in futures:
                if not future.done():
                    future.set_exception(RuntimeError("shut down") if not isinstance(error, Exception) else error)
        batch.waiting.clear()
        raise
    finally:
        batch.running = None
