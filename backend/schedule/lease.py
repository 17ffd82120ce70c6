"""Taking, finishing and reading the jobs' leases: one atomic UPDATE … WHERE decides, on SQLite and PostgreSQL.

A lease is taken only when the job is due and nobody holds an unexpired lease; the UPDATE's WHERE clause is
the whole decision, so two workers asking at the same moment cannot both win. A worker that dies while
holding a lease blocks the job only until the lease expires; then the next worker runs the same due time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from backend.schedule.tables import ScheduledJob
from geo.clock import aware


async def ensure(name: str, first_due: datetime) -> None:
    """The job's row, created once (a second worker creating it at the same time changes nothing)."""
    await ScheduledJob.insert(ScheduledJob(name=name, next_run_at=first_due)).on_conflict(
        target=ScheduledJob.name, action="DO NOTHING"
    )


async def take(name: str, holder: str, now: datetime, lease: timedelta) -> datetime | None:
    """Take the lease of a due job; returns the due time this run is for, or None (not due, or held)."""
    won = (
        await ScheduledJob.update(
            {
                ScheduledJob.holder: holder,
                ScheduledJob.lease_expires_at: now + lease,
                ScheduledJob.last_started_at: now,
            }
        )
        .where(
            (ScheduledJob.name == name)
            & (ScheduledJob.next_run_at <= now)
            & (ScheduledJob.lease_expires_at.is_null() | (ScheduledJob.lease_expires_at < now))
        )
        .returning(ScheduledJob.next_run_at)
    )
    return aware(won[0]["next_run_at"]) if won else None


async def finish(
    name: str, holder: str, *, finished_at: datetime, outcome: str, count: int | None, error: str, next_run: datetime
) -> bool:
    """Record the run and hand the lease back; False when the lease had expired and another worker took it."""
    done = (
        await ScheduledJob.update(
            {
                ScheduledJob.holder: None,
                ScheduledJob.lease_expires_at: None,
                ScheduledJob.last_finished_at: finished_at,
                ScheduledJob.last_outcome: outcome,
                ScheduledJob.last_count: count,
                ScheduledJob.last_error: error[:500],
                ScheduledJob.next_run_at: next_run,
            }
        )
        .where((ScheduledJob.name == name) & (ScheduledJob.holder == holder))
        .returning(ScheduledJob.name)
    )
    return bool(done)


@dataclass(frozen=True)
class JobState:
    name: str
    running: bool
    last_started_at: datetime | None
    last_finished_at: datetime | None
    last_outcome: str
    last_count: int | None
    next_run_at: datetime | None


async def states(now: datetime) -> list[JobState]:
    """Every job's last and next run, by name."""
    rows = await ScheduledJob.select().order_by(ScheduledJob.name)
    return [
        JobState(
            name=row["name"],
            running=row["holder"] is not None and (aware(row["lease_expires_at"]) or now) > now,
            last_started_at=aware(row["last_started_at"]),
            last_finished_at=aware(row["last_finished_at"]),
            last_outcome=row["last_outcome"],
            last_count=row["last_count"],
            next_run_at=aware(row["next_run_at"]),
        )
        for row in rows
    ]
