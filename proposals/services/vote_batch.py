"""Group commit for votes on PostgreSQL: the votes and withdrawals arriving in one worker while its previous batch
commits go to the database together, in one statement (`proposal_vote_batch`, migration proposals 2026-12-03T11:40)
and one commit.

At event load a vote's cost was its own transaction: a round trip and a commit (a WAL flush) each. Here one batch
is in flight per worker (per event loop) at a time; each request waits for the commit of the batch that holds it
and is answered from that batch's result, so an acknowledged vote is always stored. The function takes its locks
in one global order (see the migration), so batches of several workers cannot deadlock; a (proposal, person) pair
appears at most once per batch (a second request for the same pair waits for the next batch), which keeps
"vote, then take it back" in the order the requests arrived in the worker.

None means "use the ordinary path": SQLite, no pool, or inside a transaction (whose commit this code cannot see).
"""

from __future__ import annotations

import asyncio
import weakref
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from geo import clock, pooled
from proposals.tables import Proposal

MAX_BATCH = 256  # votes per statement; more arriving meanwhile wait for the next batch
BATCH = (
    "SELECT r_item, r_outcome, r_support, r_against, r_used, r_limit FROM proposal_vote_batch("
    "$1::integer[], $2::integer[], $3::integer[], $4::integer[], $5::timestamptz[], $6::boolean[], $7)"
)


@dataclass
class _Item:
    proposal: int
    municipality: int
    user: int
    value: int  # 1, -1: cast; 0: withdraw
    now: datetime
    resident: bool
    answer: asyncio.Future[Any] = field(repr=False)


@dataclass
class _Batcher:
    """The waiting items of one event loop and whether a batch of it is in the database right now."""

    waiting: list[_Item] = field(default_factory=list)
    running: asyncio.Task[None] | None = None


SENT = {"batches": 0, "items": 0}  # of this process, for tests and benchmarks
_batchers: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Batcher] = weakref.WeakKeyDictionary()


async def submit(
    proposal: int, municipality: int, user: int, value: int, now: datetime, resident: bool
) -> dict[str, Any] | None:
    """Queue one vote (value 1 / -1) or withdrawal (value 0); its row of the batch's result after the commit:
    r_outcome ('ok', 'already-voted', 'vote-limit-reached', 'no-vote', 'check'), r_support, r_against, r_used,
    r_limit. None when grouping is not possible here."""
    if not pooled.available(Proposal):
        return None
    loop = asyncio.get_running_loop()
    batcher = _batchers.get(loop)
    if batcher is None:
        batcher = _batchers[loop] = _Batcher()
    item = _Item(proposal, municipality, user, value, now, resident, loop.create_future())
    batcher.waiting.append(item)
    if batcher.running is None:
        batcher.running = loop.create_task(_drain(batcher))
    # The answer is shielded: a request that goes away does not cancel its vote, which is already on its way.
    found: dict[str, Any] = await asyncio.shield(item.answer)
    return found


async def _drain(batcher: _Batcher) -> None:
    """Send batches until nothing waits; at most one of this loop's batches is in the database at a time."""
    try:
        while batcher.waiting:
            batch: list[_Item] = []
            later: list[_Item] = []
            pairs: set[tuple[int, int]] = set()
            for item in batcher.waiting:
                pair = (item.proposal, item.user)
                if pair in pairs or len(batch) >= MAX_BATCH:
                    later.append(item)
                else:
                    pairs.add(pair)
                    batch.append(item)
            batcher.waiting = later
            await _send(batch)
    except BaseException as error:  # cancelled (shutdown): nobody may wait for an answer that never comes
        for item in batcher.waiting:
            if not item.answer.done():
                item.answer.set_exception(error if isinstance(error, Exception) else RuntimeError("shut down"))
        batcher.waiting = []
        raise
    finally:
        batcher.running = None


async def _send(batch: list[_Item]) -> None:
    try:
        rows = await pooled.fetch(
            Proposal,
            BATCH,
            [i.proposal for i in batch],
            [i.municipality for i in batch],
            [i.user for i in batch],
            [i.value for i in batch],
            [i.now for i in batch],
            [i.resident for i in batch],
            clock.now(),
        )
        if rows is None:  # the pool went away (shutdown): the statement never ran
            raise RuntimeError("no connection pool for the vote batch")
    except BaseException as error:
        for item in batch:
            if not item.answer.done():
                item.answer.set_exception(error)
        if not isinstance(error, Exception):
            raise
        return
    SENT["batches"] += 1
    SENT["items"] += len(batch)
    for row in rows:
        item = batch[int(row["r_item"]) - 1]
        if not item.answer.done():
            item.answer.set_result(dict(row))
