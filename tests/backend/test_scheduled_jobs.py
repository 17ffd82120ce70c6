"""Scheduled work inside the app: a job runs exactly once per due time however many workers poll, a crashed
worker's lease expires and another one takes over, and every run is recorded for the dashboard."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from backend.schedule import jobs as scheduled
from backend.schedule import lease
from backend.schedule.loop import Daily, Every, Job, Scheduler
from backend.schedule.tables import ScheduledJob
from defects.tables import Report
from geo.roles import Role
from tests.conftest import make_settings
from tests.defects.factories import stored_report, town_with_categories
from tests.factories import INSIDE, logged_in, person
from tests.support.client import api_client

START = datetime(2026, 11, 18, 4, 30, tzinfo=UTC)


class Clock:
    """A clock the test moves by hand (the scheduler's `now`, as geo/clock.py's functions take `now=`)."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


def counting(name: str, schedule: Any, runs: list[tuple[str, datetime]], clock: Clock) -> Job:
    async def run() -> int:
        runs.append((name, clock()))
        await asyncio.sleep(0.01)  # long enough for the other worker to ask meanwhile
        return 7

    return Job(name, schedule, run)


async def test_two_workers_run_each_job_exactly_once_per_due_time(db):
    clock = Clock(START)
    runs: list[tuple[str, datetime]] = []

    def worker(holder: str) -> Scheduler:
        jobs = [counting("hourly", Every(timedelta(hours=1)), runs, clock), counting("daily", Daily(6), runs, clock)]
        return Scheduler(jobs, holder=holder, now=clock)

    first, second = worker("worker-a"), worker("worker-b")
    await asyncio.gather(first.prepare(), second.prepare())
    assert await ScheduledJob.count() == 2  # both created the rows at once: one row per job
    for _ in range(48):  # two days in steps of an hour, both workers asking at the same moment, twice
        await asyncio.gather(first.tick(), second.tick(), first.tick(), second.tick())
        clock.moment += timedelta(hours=1)
    hourly = [moment for name, moment in runs if name == "hourly"]
    daily = [moment for name, moment in runs if name == "daily"]
    assert len(hourly) == 48 and len(set(hourly)) == 48  # once per hour, never twice
    # 06:00 Berlin is 05:00 UTC in November: the first due time is at 05:30 (the first tick after it), daily
    assert [(m.day, m.hour) for m in daily] == [(18, 5), (19, 5)]
    row = await ScheduledJob.select().where(ScheduledJob.name == "daily").first()
    assert row["last_outcome"] == "ok" and row["last_count"] == 7 and row["holder"] is None
    assert row["next_run_at"].astimezone(UTC) == datetime(2026, 11, 20, 5, 0, tzinfo=UTC)


async def test_a_crashed_workers_lease_expires_and_another_worker_runs_the_same_due_time(db):
    clock = Clock(START)
    runs: list[tuple[str, datetime]] = []
    job = counting("purge", Every(timedelta(hours=1)), runs, clock)
    survivor = Scheduler([job], holder="worker-b", lease_for=timedelta(minutes=30), now=clock)
    await survivor.prepare()
    due = await lease.take("purge", "worker-a", clock(), timedelta(minutes=30))  # … and worker-a dies here
    assert due == START
    clock.moment += timedelta(minutes=29)
    assert await survivor.tick() == []  # the lease still holds: the others wait
    clock.moment += timedelta(minutes=2)
    assert await survivor.tick() == ["purge"]  # expired: worker-b runs what worker-a never finished
    assert len(runs) == 1
    row = await ScheduledJob.select().where(ScheduledJob.name == "purge").first()
    assert row["last_outcome"] == "ok" and row["holder"] is None
    # worker-a wakes up late: its record is refused, it does not overwrite worker-b's
    late = await lease.finish(
        "purge", "worker-a", finished_at=clock(), outcome="failed", count=None, error="", next_run=clock()
    )
    assert late is False
    assert (await ScheduledJob.select().where(ScheduledJob.name == "purge").first())["last_outcome"] == "ok"


async def test_a_failing_job_is_recorded_and_tried_again_at_its_next_due_time(db):
    clock = Clock(START)
    attempts = []

    async def broken() -> int:
        attempts.append(clock())
        raise RuntimeError("SMTP server unreachable")

    scheduler = Scheduler([Job("remind", Every(timedelta(hours=1)), broken)], holder="worker-a", now=clock)
    await scheduler.prepare()
    await scheduler.tick()
    row = await ScheduledJob.select().where(ScheduledJob.name == "remind").first()
    assert row["last_outcome"] == "failed" and row["last_error"] == "RuntimeError: SMTP server unreachable"
    assert row["holder"] is None and row["next_run_at"].astimezone(UTC) == START + timedelta(hours=1)
    await scheduler.tick()  # not due again yet
    clock.moment += timedelta(hours=1)
    await scheduler.tick()
    assert len(attempts) == 2


async def test_two_app_instances_purge_unconfirmed_reports_once_and_the_admin_sees_the_run(
    taunusstein, smtp, monkeypatch
):
    town = await town_with_categories(taunusstein)
    stale = datetime.now(UTC) - timedelta(days=8)
    for _ in range(3):
        await stored_report(town, INSIDE["lat"], INSIDE["lon"], confirmed=False, created_at=stale)
    kept = await stored_report(town, INSIDE["lat"], INSIDE["lon"])
    await person("admin@taunusstein.example", roles=(Role.ADMIN,), municipality=taunusstein)
    calls = []
    purge = scheduled.purge_unconfirmed

    async def counted(settings: Any) -> int:
        calls.append(settings)
        return await purge(settings)

    monkeypatch.setattr(scheduled, "purge_unconfirmed", counted)
    settings = make_settings(smtp, scheduler_enabled=True, scheduler_poll_seconds=0.05)
    async with api_client(settings) as first, api_client(settings) as second:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            row = await ScheduledJob.select().where(ScheduledJob.name == "purge-unconfirmed").first()
            if row and row["last_outcome"]:
                break
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.5)  # ten more rounds of both workers
        await logged_in(second, "admin@taunusstein.example")
        shown = (await second.get("/api/v1/municipalities/taunusstein/scheduled-jobs")).json()
        await first.get("/api/health")
        stopping = time.monotonic()
    assert time.monotonic() - stopping < 5  # both loops stopped cleanly with their apps
    assert len(calls) == 1
    assert [r["id"] for r in await Report.select(Report.id)] == [kept]
    jobs = {job["name"]: job for job in shown}
    assert set(jobs) == {
        "remind-overdue",
        "send-digests",
        "purge-unconfirmed",
        "send-area-alerts",
        "send-moderation-mails",
    }
    assert jobs["purge-unconfirmed"]["last_outcome"] == "ok" and jobs["purge-unconfirmed"]["last_count"] == 3
    assert jobs["remind-overdue"]["last_outcome"] == "" and jobs["remind-overdue"]["next_run_at"]


async def test_the_scheduler_is_off_unless_switched_on(taunusstein, settings):
    async with api_client(settings):
        await asyncio.sleep(0.2)
    assert await ScheduledJob.count() == 0


def test_daily_jobs_keep_their_local_hour_across_summer_time():
    six = Daily(6)
    assert six.next_after(datetime(2026, 7, 1, 12, 0, tzinfo=UTC)) == datetime(2026, 7, 2, 4, 0, tzinfo=UTC)
    assert six.next_after(datetime(2026, 12, 1, 4, 59, tzinfo=UTC)) == datetime(2026, 12, 1, 5, 0, tzinfo=UTC)
    # the night summer time ends (25 October 2026): still 6 o'clock on the town hall clock
    assert six.next_after(datetime(2026, 10, 24, 5, 0, tzinfo=UTC)) == datetime(2026, 10, 25, 5, 0, tzinfo=UTC)
