"""Count the SQL queries a piece of code runs, by wrapping the engine's one query entry point."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager

from geo import pooled
from geo.tables import Municipality

# The app's background loops (mail sender, report renderer) poll these tables while a request runs.
BACKGROUND = ('FROM "document_job"', 'FROM "outgoing_mail"', 'UPDATE "document_job"', 'UPDATE "outgoing_mail"')


@contextmanager
def recorded() -> Iterator[list[str]]:
    """The SQL text of every query run inside the block, in order (the background loops' polls left out: by
    their tables, and by their tasks, which were running before the block began)."""
    engine = type(Municipality._meta.db)  # patched on the class: PostgresEngine has slots
    seen: list[str] = []
    original = engine.run_querystring
    try:
        me = asyncio.current_task()
        earlier = {task for task in asyncio.all_tasks() if task is not me}
    except RuntimeError:  # no running loop: nothing runs beside the block
        earlier = set()

    async def counted(self, querystring, *args, **kwargs):  # type: ignore[no-untyped-def]
        text = str(querystring)
        if not any(marker in text for marker in BACKGROUND) and asyncio.current_task() not in earlier:
            seen.append(text)
        return await original(self, querystring, *args, **kwargs)

    # The hot paths' statements straight on the pool (geo/pooled.py) count too, when they ran there.
    direct = pooled.fetch

    async def counted_direct(table, sql, *args):  # type: ignore[no-untyped-def]
        rows = await direct(table, sql, *args)
        if rows is not None and asyncio.current_task() not in earlier:
            seen.append(sql)
        return rows

    engine.run_querystring = counted  # type: ignore[method-assign]
    pooled.fetch = counted_direct  # type: ignore[assignment]
    try:
        yield seen
    finally:
        engine.run_querystring = original  # type: ignore[method-assign]
        pooled.fetch = direct  # type: ignore[assignment]


def reading(queries: list[str], table: str) -> int:
    """How many of `queries` read from `table`."""
    return sum(f'FROM "{table}"' in q for q in queries)
