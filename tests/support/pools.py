"""PostgreSQL in the tests: a connection pool per event loop, not a new connection (a forked backend) per query.

An asyncpg pool belongs to the event loop it was made in, and a test runs its queries on several loops: the
test's own (fixtures, factories, assertions), the loop of Litestar's test client (requests, the app's background
loops), a live server's thread, the short loops of `run()` in the browser tests. So the engine gets one pool per
running loop, made on the loop's first query and closed when the loop's owner is done with it (the `db` fixture,
the app's shutdown, `run()`); a pool whose loop ended unclosed goes with the loop (it is only weakly held).

Test-only: `install()` swaps the class of the suite's engine object for `PoolPerLoopEngine`, which differs from
the app's `ResilientPostgresEngine` only in where its pool comes from. Queries, transactions and the app's
connection handling (timeouts, giving connections back) are the app's own code.
"""

from __future__ import annotations

import asyncio
import weakref
from typing import Any

import asyncpg

from backend.database import COMMAND_TIMEOUT_SECONDS, ResilientPostgresEngine, WritingSQLiteEngine

# Enough for the concurrent requests some tests send (the app's production pool is 10 per worker).
MAX_CONNECTIONS_PER_LOOP = 10
# asyncpg's close waits for every connection to come back, for as long as that takes.
CLOSE_TIMEOUT_SECONDS = 10.0


async def _create_pool(**options: Any) -> asyncpg.Pool:
    return await asyncpg.create_pool(**options)


class LoopPools:
    """What the engine uses of an asyncpg pool (acquire, release, close), backed by one pool per event loop."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config
        self._pools: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Task[asyncpg.Pool]] = (
            weakref.WeakKeyDictionary()
        )

    def start(self, **options: Any) -> None:
        """The pool this loop's next query gets is made with these asyncpg options (what `prepare` asks for)."""
        loop = asyncio.get_running_loop()
        if loop not in self._pools:  # a pool this loop already has stays (its connections may be in use)
            self._pools[loop] = loop.create_task(_create_pool(**{**self.config, **options}))

    async def _pool(self) -> asyncpg.Pool:
        loop = asyncio.get_running_loop()
        made = self._pools.get(loop)
        if made is None:
            options = {"min_size": 0, "max_size": MAX_CONNECTIONS_PER_LOOP, "command_timeout": COMMAND_TIMEOUT_SECONDS}
            made = self._pools[loop] = loop.create_task(_create_pool(**self.config, **options))
        # Shielded: a cancelled query must not cancel the pool that other tasks of the loop wait for.
        return await asyncio.shield(made)

    async def acquire(self, *, timeout: float | None = None) -> Any:
        return await (await self._pool()).acquire(timeout=timeout)

    async def release(self, connection: Any) -> None:
        await (await self._pool()).release(connection)

    async def close(self) -> None:
        """Close this loop's pool (if it made one): its connections end, their backends exit."""
        made = self._pools.pop(asyncio.get_running_loop(), None)
        if made is not None:
            try:
                pool = await made
            except Exception:  # it never connected: nothing to close
                return
            try:
                await asyncio.wait_for(pool.close(), CLOSE_TIMEOUT_SECONDS)
            except TimeoutError:  # a connection never came back: end them all rather than hang the test
                pool.terminate()


class PoolPerLoopEngine(ResilientPostgresEngine):
    """The app's PostgreSQL engine with a pool per event loop (see the module docstring)."""

    pool: Any

    async def start_connection_pool(self, **kwargs: Any) -> None:
        self.pool.start(**kwargs)

    async def close_connection_pool(self) -> None:
        await self.pool.close()


def install(engine: Any) -> None:
    """Give the suite's PostgreSQL engine (Piccolo's one engine object, shared by every table) a pool per loop."""
    if not isinstance(engine, ResilientPostgresEngine):
        return
    engine.__class__ = PoolPerLoopEngine
    engine.pool = LoopPools(dict(engine.config))


async def open_for_this_loop(engine: Any) -> None:
    """SQLite: this loop's reads share one connection, as in the app (backend/database.py), not one each.
    PostgreSQL needs nothing: its pool is made on the loop's first query."""
    if isinstance(engine, WritingSQLiteEngine):
        await engine.open_reader()


async def close_this_loops_pool(engine: Any) -> None:
    if isinstance(engine, PoolPerLoopEngine):
        await engine.pool.close()
    elif isinstance(engine, WritingSQLiteEngine):
        await engine.close_reader()
