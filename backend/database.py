"""Choose the Piccolo engine from a database URL: SQLite by default, PostgreSQL in production."""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urlparse

import aiosqlite
from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine, PostgresTransaction
from piccolo.engine.sqlite import SQLiteEngine, SQLiteTransaction, TransactionType

log = logging.getLogger(__name__)

# Fail fast when PostgreSQL is away: a request answers 503 within seconds instead of hanging (asyncpg waits 60 s
# for a connection and forever for a statement or a pooled connection by default).
CONNECT_TIMEOUT_SECONDS = 5.0
COMMAND_TIMEOUT_SECONDS = 30.0
ACQUIRE_TIMEOUT_SECONDS = 5.0


class WritingSQLiteEngine(SQLiteEngine):
    """SQLite whose transactions take the write lock up front (BEGIN IMMEDIATE), and whose reads outside a
    transaction share one open connection per event loop once `open_reader` ran (the app's lifespan does).

    A deferred transaction that reads and then writes cannot wait for another writer: SQLite
    answers "database is locked" at once to avoid a deadlock. Taking the lock at BEGIN makes
    concurrent writers queue up (for up to the connection timeout) instead of failing.

    Piccolo opens a new connection (and a thread) for every query outside a transaction: 1-2 ms each, most of a
    page's time in the demo. In WAL mode a reader sees every committed write and never blocks the writer, so
    SELECTs go to the shared reader (`PRAGMA query_only`: a write sent there fails instead of slipping past the
    write lock); everything else keeps Piccolo's way.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._readers: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, aiosqlite.Connection] = (
            weakref.WeakKeyDictionary()
        )

    def transaction(
        self, transaction_type: TransactionType = TransactionType.immediate, allow_nested: bool = True
    ) -> SQLiteTransaction:
        return super().transaction(transaction_type=transaction_type, allow_nested=allow_nested)

    async def open_reader(self) -> None:
        loop = asyncio.get_running_loop()
        if loop in self._readers:
            return
        reader = await self.get_connection()
        await reader.execute("PRAGMA query_only = 1")
        self._readers[loop] = reader

    async def close_reader(self) -> None:
        reader = self._readers.pop(asyncio.get_running_loop(), None)
        if reader is not None:
            await reader.close()

    async def _run_in_new_connection(
        self, query: str, args: list[Any] | None = None, query_type: str = "generic", table: Any = None
    ) -> Any:
        reader = self._readers.get(asyncio.get_running_loop())
        if reader is None or not _is_select(query):
            return await super()._run_in_new_connection(query, args, query_type, table)
        async with reader.execute(query, args or []) as cursor:
            return await cursor.fetchall()


def _is_select(query: str) -> bool:
    return query.lstrip()[:6].upper() == "SELECT"


class ReturningTransaction(PostgresTransaction):
    """Piccolo's transaction, but its connection always goes back to the pool.

    Piccolo releases the connection (and resets its current-transaction variable) only after a ROLLBACK or
    COMMIT that succeeded. asyncpg takes back a connection that died by itself, but one that is still open
    stayed checked out for good: a COMMIT refused on a live connection (checked: a deferred constraint) three
    times emptied a pool of two, and the next request waited for a connection forever. Here the connection is
    released whatever happens (asyncpg's release rolls back what is still open, or closes a broken connection),
    and taking one from the pool waits ACQUIRE_TIMEOUT_SECONDS at most.
    """

    async def get_connection(self) -> Any:
        if self.engine.pool:
            return await self.engine.pool.acquire(timeout=ACQUIRE_TIMEOUT_SECONDS)
        return await self.engine.get_new_connection()

    async def __aenter__(self) -> PostgresTransaction:
        if self._parent is not None:
            return self._parent
        self.connection = await self.get_connection()
        try:
            self.transaction = self.connection.transaction()
            await self.begin()
        except BaseException:
            await _give_back(self.engine, self.connection)
            raise
        self.context = self.engine.current_transaction.set(self)
        return self

    async def __aexit__(
        self,
        exception_type: type[BaseException] | None,
        exception: BaseException | None,
        traceback: TracebackType | None,
    ) -> bool:
        if self._parent:
            return exception is None
        try:
            if exception is None:
                if not self._committed and not self._rolled_back:
                    await self.commit()
            elif not self._rolled_back:
                try:
                    await self.rollback()
                except Exception as error:  # the connection is gone: PostgreSQL rolled back by itself
                    log.debug("Rollback failed after %r: %r", exception, error)
        finally:
            self.engine.current_transaction.reset(self.context)
            await _give_back(self.engine, self.connection)
        return exception is None


async def _give_back(engine: PostgresEngine, connection: Any) -> None:
    """Return a connection to the pool (or close it); a broken one is terminated, never handed out again."""
    try:
        if engine.pool:
            await engine.pool.release(connection)
        else:
            await connection.close(timeout=CONNECT_TIMEOUT_SECONDS)
    except Exception as error:
        log.debug("Connection not returned cleanly (%r); terminated", error)
        connection.terminate()


class ResilientPostgresEngine(PostgresEngine):
    """PostgreSQL with timeouts on connecting and on waiting for a pooled connection (and, in the web workers'
    pool, on each statement: see prepare), and transactions that never lose a pooled connection."""

    def __init__(self, url: str) -> None:
        super().__init__(config={"dsn": url, "timeout": CONNECT_TIMEOUT_SECONDS})

    def transaction(self, allow_nested: bool = True) -> PostgresTransaction:
        return ReturningTransaction(engine=self, allow_nested=allow_nested)

    async def _run_in_pool(self, query: str, args: Sequence[Any] | None = None) -> Any:
        if not self.pool:
            raise ValueError("A pool isn't currently running.")
        connection = await self.pool.acquire(timeout=ACQUIRE_TIMEOUT_SECONDS)
        try:
            return await connection.fetch(query, *(args or []))
        finally:
            await _give_back(self, connection)

    async def _run_in_new_connection(self, query: str, args: Sequence[Any] | None = None) -> Any:
        connection = await self.get_new_connection()
        try:
            return await connection.fetch(query, *(args or []))
        finally:
            await _give_back(self, connection)


def engine_for(url: str) -> Engine:
    """Build the engine that DATABASE_URL names (`sqlite:///path` or `postgresql://…`)."""
    scheme = urlparse(url).scheme
    if scheme == "sqlite":
        path = Path(url.removeprefix("sqlite:///").removeprefix("sqlite://"))
        path.parent.mkdir(parents=True, exist_ok=True)
        # A generous timeout: SQLite serialises writers, and a write must wait, not fail.
        return WritingSQLiteEngine(path=str(path), timeout=30)
    if scheme in {"postgres", "postgresql"}:
        return ResilientPostgresEngine(url)
    raise ValueError(f"DATABASE_URL must start with sqlite:/// or postgresql://, not {scheme!r}")


async def prepare(engine: Engine, pool_size: int) -> None:
    """Once per worker. SQLite: WAL lets readers run while one connection writes (the mode persists in the file).
    PostgreSQL: a connection pool; opening a connection per query made database endpoints 5-10x slower. The pool
    starts empty, so a worker (re)started while PostgreSQL is away comes up and answers 503 until it is back."""
    if engine.engine_type == "sqlite":
        await engine.run_ddl("PRAGMA journal_mode=WAL")
        if isinstance(engine, WritingSQLiteEngine):
            await engine.open_reader()
    elif isinstance(engine, PostgresEngine) and pool_size > 0:
        # The statement timeout is the web workers' (their pool's): migrations and CLI tasks may take longer.
        await engine.start_connection_pool(
            min_size=0, max_size=pool_size, command_timeout=COMMAND_TIMEOUT_SECONDS, reset=keep_session_state
        )


# Statements that leave state in a database session beyond its transaction: with them, a pooled connection would
# need asyncpg's full reset. tests/backend/test_pool_reset.py fails when the code starts using one.
SESSION_STATE_STATEMENTS = ("pg_advisory_lock", "LISTEN ", "SET SESSION", "DECLARE ", "PREPARE ", "CREATE TEMP")


async def keep_session_state(_connection: Any) -> None:
    """asyncpg's default reset runs `pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *; RESET ALL` after every
    release: one more round trip per query. Our code leaves no session state (see SESSION_STATE_STATEMENTS), and
    asyncpg still rolls back a transaction left open before calling this, so nothing else needs undoing."""


async def release(engine: Engine) -> None:
    if isinstance(engine, WritingSQLiteEngine):
        await engine.close_reader()
    if isinstance(engine, PostgresEngine) and engine.pool is not None:
        await engine.close_connection_pool()
