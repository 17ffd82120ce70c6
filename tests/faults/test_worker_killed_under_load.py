"""One of two workers is killed (SIGKILL) in the middle of votes and report filings: no acknowledged write is
lost and none is doubled, although clients send again what lost its answer; the supervisor starts a new worker."""

from __future__ import annotations

import asyncio
import time

from tests.faults import db_check
from tests.faults.conftest import DATABASE
from tests.faults.load import Score, acknowledged, record_figures, start_residents, until

RESIDENTS = 6
AFTER_KILL_SECONDS = 5.0


async def test_a_killed_worker_loses_no_acknowledged_write_and_doubles_none(app, cluster, seeded):
    score = Score()
    residents = await start_residents(app.url, seeded, score, RESIDENTS)
    stop = asyncio.Event()
    tasks = [asyncio.create_task(resident.run(stop)) for resident in residents]
    try:
        await until(lambda: acknowledged(score) >= 30, 60, "30 acknowledged writes before the kill")
        before = acknowledged(score)
        killed = app.kill_worker()
        killed_at = time.monotonic()
        replaced_at = await until(
            lambda: len(app.workers()) == 2 and killed not in app.workers(), 60, "a new worker in place of the killed"
        )
        await asyncio.sleep(max(0.0, AFTER_KILL_SECONDS - (time.monotonic() - killed_at)))
    finally:
        stop.set()
        await asyncio.gather(*tasks)
        await asyncio.gather(*(resident.close() for resident in residents))

    url = cluster.url(DATABASE)
    votes = await db_check.stored_votes(url)
    reports = await db_check.stored_reports(url)
    counts = await db_check.support_counts(url)
    statuses = score.statuses()
    lost_answers = sum(a.status is None for a in score.attempts)
    summary = {
        **score.summary(),
        "acknowledged_before_kill": before,
        "answers_lost_with_the_worker": lost_answers,
        "worker_replaced_after_s": round(replaced_at - killed_at, 2),
        "votes_found": sum(votes.values()),
        "reports_found": sum(reports.values()),
    }
    record_figures("worker killed", summary)

    assert not score.wrong and not score.abandoned, (score.wrong, score.abandoned, summary)
    assert not any(a.status is not None and a.status >= 500 and a.status != 503 for a in score.attempts), summary
    assert not any("Timeout" in a.error for a in score.attempts), summary  # lost answers come at once, no hang
    assert set(votes) == score.votes and max(votes.values()) == 1, summary
    assert set(reports) == set(score.reports) and max(reports.values()) == 1, summary
    assert all(counter == stored for counter, stored in counts.values()), counts
    assert statuses, summary
