"""One statement straight on a pooled asyncpg connection, for the few paths every request takes.

Piccolo's query building and result handling cost ~0.6 ms of CPU per query here, raw asyncpg ~0.15 ms. On
PostgreSQL, outside a transaction, `fetch` runs the statement on a connection from the engine's pool (asyncpg
prepares it once per connection); it answers None elsewhere (SQLite, no pool, inside a transaction), and the
caller then takes its ordinary Piccolo path, so both engines keep the same behaviour.
"""

from __future__ import annotations

from typing import Any

from piccolo.table import Table

ACQUIRE_TIMEOUT_SECONDS = 5.0  # as backend/database.py waits for a pooled connection


async def fetch(table: type[Table], sql: str, *args: Any) -> list[Any] | None:
    """Rows (asyncpg records) of `sql` with $1… parameters, or None when the caller must use Piccolo."""
    db = table._meta.db
    pool = getattr(db, "pool", None)
    if db.engine_type != "postgres" or pool is None or db.current_transaction.get() is not None:
        return None
    connection = await pool.acquire(timeout=ACQUIRE_TIMEOUT_SECONDS)
    try:
        rows: list[Any] = await connection.fetch(sql, *args)
        return rows
    finally:
        await pool.release(connection)
