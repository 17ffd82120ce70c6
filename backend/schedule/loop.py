"""The scheduler every app worker runs: it asks for each due job's lease, runs what it wins, records the outcome.

Jobs are plain `async () -> int` callables (the number says what they did); their schedule says when they are
due next. Each worker polls; whichever takes a job's lease runs that due time, the others find it taken or no
longer due. Turn it off with SCHEDULER_ENABLED=false (the CLI commands stay for operators who prefer cron).
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from backend.schedule import lease
from geo import clock

log = logging.getLogger(__name__)
LOCAL = ZoneInfo("Europe/Berlin")


class Schedule(Protocol):
    def next_after(self, moment: datetime) -> datetime: ...


@dataclass(frozen=True)
class Daily:
    """Once a day at `hour` o'clock local time (Europe/Berlin, so summer time does not move it)."""

    hour: int

    def next_after(self, moment: datetime) -> datetime:
        local = moment.astimezone(LOCAL)
        due = datetime.combine(local.date(), time(self.hour), tzinfo=LOCAL)
        if due <= local:
            due = datetime.combine(local.date() + timedelta(days=1), time(self.hour), tzinfo=LOCAL)
        return due.astimezone(UTC)


@dataclass(frozen=True)
class Every:
    """At a fixed interval after the previous run."""

    interval: timedelta

    def next_after(self, moment: datetime) -> datetime:
        return moment + self.interval


@dataclass(frozen=True)
class Job:
    name: str
    schedule: Schedule
    run: Callable[[], Awaitable[int]]


def worker_name() -> str:
    """Who holds a lease: host and process, plus a token so two schedulers in one process differ."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class Scheduler:
    """Runs `jobs` whenever this worker wins their lease; `now` is injectable for tests (geo/clock.py)."""

    def __init__(
        self,
        jobs: Sequence[Job],
        *,
        holder: str | None = None,
        lease_for: timedelta = timedelta(minutes=30),
        poll_seconds: float = 60,
        now: Callable[[], datetime] = clock.now,
    ) -> None:
        self.jobs = list(jobs)
        self.holder = holder or worker_name()
        self.lease_for = lease_for
        self.poll_seconds = poll_seconds
        self.now = now

    async def prepare(self) -> None:
        """Create missing job rows; a new job is first due at its schedule's next moment (an interval job: now)."""
        moment = self.now()
        for job in self.jobs:
            first = moment if isinstance(job.schedule, Every) else job.schedule.next_after(moment)
            await lease.ensure(job.name, first)

    async def tick(self) -> list[str]:
        """Run every due job whose lease this worker takes; returns the names of the jobs it ran."""
        ran = []
        for job in self.jobs:
            started = self.now()
            due = await lease.take(job.name, self.holder, started, self.lease_for)
            if due is None:
                continue
            ran.append(job.name)
            outcome, count, error = "ok", None, ""
            try:
                count = await job.run()
            except Exception as exc:  # a failing job is recorded and retried at its next due time
                log.exception("scheduled job %s failed", job.name)
                outcome, error = "failed", f"{type(exc).__name__}: {exc}"
            finished = self.now()
            # The next due time follows the one just served; due times missed while nobody ran are skipped.
            next_run = job.schedule.next_after(due)
            while next_run <= finished:
                next_run = job.schedule.next_after(next_run)
            recorded = await lease.finish(
                job.name,
                self.holder,
                finished_at=finished,
                outcome=outcome,
                count=count,
                error=error,
                next_run=next_run,
            )
            if not recorded:
                log.warning("scheduled job %s outlasted its lease; another worker took it over", job.name)
        return ran

    async def run(self, stop: asyncio.Event) -> None:
        """Poll until `stop` is set; a database hiccup costs one round, not the loop."""
        prepared = False
        while not stop.is_set():
            try:
                if not prepared:
                    await self.prepare()
                    prepared = True
                await self.tick()
            except Exception:
                log.exception("the scheduler could not check its jobs; trying again next round")
            try:
                await asyncio.wait_for(stop.wait(), timeout=self.poll_seconds)
            except TimeoutError:
                pass
