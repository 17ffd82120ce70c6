"""Choose the Piccolo engine from a database URL: SQLite by default, PostgreSQL in production."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine, SQLiteTransaction, TransactionType


class WritingSQLiteEngine(SQLiteEngine):
    """SQLite whose transactions take the write lock up front (BEGIN IMMEDIATE).

    A deferred transaction that reads and then writes cannot wait for another writer: SQLite
    answers "database is locked" at once to avoid a deadlock. Taking the lock at BEGIN makes
    concurrent writers queue up (for up to the connection timeout) instead of failing.
    """

    def transaction(
        self, transaction_type: TransactionType = TransactionType.immediate, allow_nested: bool = True
    ) -> SQLiteTransaction:
        return super().transaction(transaction_type=transaction_type, allow_nested=allow_nested)


def engine_for(url: str) -> Engine:
    """Build the engine that DATABASE_URL names (`sqlite:///path` or `postgresql://…`)."""
    scheme = urlparse(url).scheme
    if scheme == "sqlite":
        path = Path(url.removeprefix("sqlite:///").removeprefix("sqlite://"))
        path.parent.mkdir(parents=True, exist_ok=True)
        # A generous timeout: SQLite serialises writers, and a write must wait, not fail.
        return WritingSQLiteEngine(path=str(path), timeout=30)
    if scheme in {"postgres", "postgresql"}:
        return PostgresEngine(config={"dsn": url})
    raise ValueError(f"DATABASE_URL must start with sqlite:/// or postgresql://, not {scheme!r}")


async def prepare(engine: Engine, pool_size: int) -> None:
    """Once per worker. SQLite: WAL lets readers run while one connection writes (the mode persists in the file).
    PostgreSQL: a connection pool; opening a connection per query made database endpoints 5-10x slower."""
    if engine.engine_type == "sqlite":
        await engine.run_ddl("PRAGMA journal_mode=WAL")
    elif isinstance(engine, PostgresEngine) and pool_size > 0:
        await engine.start_connection_pool(min_size=1, max_size=pool_size)


async def release(engine: Engine) -> None:
    if isinstance(engine, PostgresEngine) and engine.pool is not None:
        await engine.close_connection_pool()
