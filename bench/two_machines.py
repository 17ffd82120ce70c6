"""Background work on several app machines runs once: two uvicorn processes, two ports, one PostgreSQL database.

Loads the demo plus stale unconfirmed reports (filed eight days ago, never confirmed: the hourly purge deletes
them), then starts two app processes with the scheduler polling every 0.1 s, each on its own port as two machines
would run, and keeps both serving requests for --seconds. Then it reads the job table: every due job ran exactly
once (one holder, its run's count equal to the work there was), whichever process won its lease, and the jobs not
yet due (the daily ones) did not run at all. Options: --seconds (default 6), --stale (default 25).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time
from typing import Any

import httpx

from bench._common import app_env, bench_database, prepare, serve, table


async def seed() -> None:
    """The demo, and BENCH_STALE anonymous reports filed eight days ago and never confirmed."""
    from datetime import UTC, datetime, timedelta

    from backend.demo import load_demo
    from defects.tables import Category, Report

    context = await load_demo(hashing="fast-insecure")
    assert context is not None, "the bench database was not empty"
    town = context.municipality
    category = (await Category.select(Category.id).first())["id"]
    stale = datetime.now(UTC) - timedelta(days=8)
    for _ in range(int(os.environ["BENCH_STALE"])):
        await Report(
            municipality=town.id,
            category=category,
            lat=50.14,
            lon=8.15,
            status="eingegangen",
            visibility="pending",
            confirmed_at=None,
            reporter_email="hidden@example.org",
            created_at=stale,
            updated_at=stale,
        ).save()


async def jobs(url: str) -> list[dict[str, Any]]:
    import asyncpg

    connection = await asyncpg.connect(url)
    try:
        rows = await connection.fetch("SELECT * FROM scheduled_job ORDER BY name")
        unconfirmed = await connection.fetchval(
            "SELECT count(*) FROM defect_report WHERE confirmed_at IS NULL AND created_at < now() - interval '7 days'"
        )
    finally:
        await connection.close()
    return [dict(r) | {"unconfirmed_left": unconfirmed} for r in rows]


def run(args: list[str]) -> dict[str, Any]:
    parser = argparse.ArgumentParser(prog="python -m bench two_machines")
    parser.add_argument("--seconds", type=float, default=6)
    parser.add_argument("--stale", type=int, default=25)
    options = parser.parse_args(args)
    os.environ["BENCH_STALE"] = str(options.stale)
    results: dict[str, Any] = {"settings": vars(options)}
    with bench_database("postgres") as url:
        prepare(url, "bench.two_machines:seed")
        env = app_env(url, scheduler_enabled="true", scheduler_poll_seconds="0.1")
        with (
            serve("backend.app:create_app", env, factory=True) as one,
            serve("backend.app:create_app", env, factory=True) as two,
        ):
            served = {one: 0, two: 0}
            deadline = time.monotonic() + options.seconds
            while time.monotonic() < deadline:  # both machines answer requests while their schedulers poll
                for base in served:
                    served[base] += httpx.get(f"{base}/api/health", timeout=10).status_code == 200
                time.sleep(0.1)
        rows = asyncio.run(jobs(url))
    results["served"] = {base.rsplit(":", 1)[1]: count for base, count in served.items()}
    results["jobs"] = rows
    left = rows[0]["unconfirmed_left"] if rows else None
    purge = next((r for r in rows if r["name"] == "purge-unconfirmed"), {})
    results["ran_once"] = bool(purge) and purge.get("last_count") == options.stale and left == 0
    print(
        table(
            f"Two app processes (ports {', '.join(results['served'])}) on one PostgreSQL database, schedulers polling "
            f"every 0.1 s for {options.seconds:g} s; health answers per process: {list(results['served'].values())}",
            ["job", "last run", "started", "count", "next due"],
            [
                [
                    r["name"],
                    r["last_outcome"] or "not due",
                    r["holder"] or "-",
                    "" if r["last_count"] is None else r["last_count"],
                    str(r["next_run_at"])[:19],
                ]
                for r in rows
            ],
        )
    )
    print(
        f"{options.stale} stale reports; the purge's one run deleted {purge.get('last_count')}, {left} left: "
        f"{'each due job ran once' if results['ran_once'] else 'NOT PROVEN'}"
    )
    return results
