"""The staff queue over a million reports on PostgreSQL: what the Bauhof worker's phone asks for.

Reuses the map benchmark's generator (bench/reports.py: N reports by COPY, default 1,000,000), then routes every
report to its category's department (as filing does) and gives every 20th report of the Bauhof to its demo
worker. The real app (uvicorn, one worker, logged in as bauhof@taunusstein.example) then answers:

- the Bauhof's open queue, oldest first (first page and a page 21 by keyset cursor);
- "mir zugewiesen"; newest first; "überfällige zuerst"; a category + district filter; a text search;
- an admin's whole-town queue sorted by priority;

each with p50/p95, requests/s and the p50 as a multiple of a bare Litestar JSON endpoint in the same run. The
query plans of the main queries are printed with EXPLAIN (ANALYZE, BUFFERS) to show the indexes they use.
Options: --reports, --seconds, --connections.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time
from typing import Any

import httpx

from bench._common import app_env, bench_database, prepare, serve, table
from bench.moderation_queue import _measure

WORKER = "bauhof@taunusstein.example"
ADMIN = "admin@taunusstein.example"
PASSWORDS = {WORKER: "demo-bauhof-2026", ADMIN: "demo-admin-2026"}


async def seed() -> None:
    """The map benchmark's generator, with the content types wired as the app wires them (the demo needs them)."""
    from backend.wiring import content_registry
    from bench import reports

    content_registry().install()
    await reports.seed()


async def route() -> None:
    """What filing does for each report: the department it was routed to; then some assigned to the worker."""
    import asyncpg

    connection = await asyncpg.connect(os.environ["DATABASE_URL"])
    try:
        started = time.monotonic()
        await connection.execute(
            "UPDATE defect_report r SET department = c.department FROM defect_category c WHERE c.id = r.category"
        )
        worker = await connection.fetchval("SELECT id FROM piccolo_user WHERE email = $1", WORKER)
        await connection.execute(
            "UPDATE defect_report SET assignee = $1 WHERE id % 20 = 0 AND department = "
            '(SELECT department FROM membership WHERE "user" = $1 AND department IS NOT NULL LIMIT 1)',
            worker,
        )
        await connection.execute("UPDATE defect_report SET priority = 'dringend' WHERE id % 97 = 0")
        await connection.execute("UPDATE defect_report SET priority = 'hoch' WHERE id % 31 = 0")
        await connection.execute("VACUUM ANALYZE defect_report")
        print(f"routed and assigned in {time.monotonic() - started:.0f} s", flush=True)
    finally:
        await connection.close()


async def explain() -> None:
    """EXPLAIN the queue's real queries (built by defects.services.staff_queue) for the worker."""
    from datetime import timedelta

    from piccolo.apps.user.tables import BaseUser

    from contributions.actor import actor_in
    from defects.services import staff_queue as sq
    from geo import clock
    from geo.tables import Municipality

    municipality = await Municipality.select(Municipality.id).first()
    assert municipality is not None
    user = await BaseUser.select(BaseUser.id).where(BaseUser.email == WORKER).first()
    assert user is not None
    actor = await actor_in(user["id"], municipality["id"])
    before = clock.now() - timedelta(days=14)
    cases = {
        "open queue, oldest first": sq.QueueFilter(),
        "mir zugewiesen": sq.QueueFilter(assigned=sq.Assigned.ME),
        "text search": sq.QueueFilter(q="Schaden"),
    }
    for name, wanted in cases.items():
        query = sq._base(municipality["id"], actor, wanted, before, unrouted=False)
        query = query.order_by(sq.ReportRow.created_at, sq.ReportRow.id).limit(51)
        plan = await sq.ReportRow.raw(f"EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) {query}")
        print(f"\n-- EXPLAIN {name}")
        print("\n".join(row["QUERY PLAN"] for row in plan), flush=True)


async def _login(base: str, email: str) -> httpx.Cookies:
    async with httpx.AsyncClient(base_url=base, timeout=10) as client:
        await client.get("/api/health")
        response = await client.post(
            "/api/v1/auth/login",
            json={"email": email, "password": PASSWORDS[email]},
            headers={"x-csrftoken": client.cookies.get("csrftoken") or ""},
        )
        response.raise_for_status()
        return client.cookies


def parse(args: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench staff_queue", description=__doc__)
    parser.add_argument("--reports", type=int, default=1_000_000, help="how many reports to generate")
    parser.add_argument("--seconds", type=float, default=5, help="measuring time per query (default 5)")
    parser.add_argument("--connections", type=int, default=2, help="concurrent connections (default 2)")
    return parser.parse_args(args)


def run(args: list[str]) -> dict[str, Any]:
    options = parse(args)
    results: dict[str, Any] = {"settings": vars(options), "queries": {}}
    with serve("bench._bare_app:app") as bare_url:
        results["bare"] = asyncio.run(_measure(f"{bare_url}/bare", None, options.seconds, options.connections))
    with bench_database("postgres") as database_url:
        os.environ["BENCH_REPORTS"] = str(options.reports)
        try:
            prepare(database_url, "bench.staff_queue:seed", "bench.staff_queue:route", "bench.staff_queue:explain")
        finally:
            os.environ.pop("BENCH_REPORTS", None)
        with serve("backend.app:create_app", app_env(database_url), factory=True) as url:
            base = f"{url}/api/v1/municipalities/taunusstein/defect-queue"
            worker = asyncio.run(_login(url, WORKER))
            admin = asyncio.run(_login(url, ADMIN))
            later = None
            for _ in range(20):
                page = httpx.get(base, params={"cursor": later} if later else {}, cookies=worker, timeout=30)
                page.raise_for_status()
                later = page.json()["next_cursor"]
            queries = [
                ("Bauhof open, oldest first (page 1)", f"{base}", worker),
                ("Bauhof open, page 21 (keyset)", f"{base}?cursor={later}", worker),
                ("mir zugewiesen", f"{base}?assigned=me", worker),
                ("newest first", f"{base}?sort=newest", worker),
                ("overdue first", f"{base}?sort=overdue", worker),
                ("category + district", f"{base}?category=beleuchtung&district=1", worker),
                ("text search", f"{base}?q=Schaden", worker),
                ("admin, all, priority first", f"{base}?sort=priority", admin),
            ]
            for name, path, cookies in queries:
                answer = httpx.get(path, cookies=cookies, timeout=60)
                answer.raise_for_status()
                stats = asyncio.run(_measure(path, cookies, options.seconds, options.connections))
                stats["items"] = len(answer.json()["items"])
                stats["p50_ratio"] = stats["p50_ms"] / max(results["bare"]["p50_ms"], 1e-6)
                results["queries"][name] = stats
    bare = results["bare"]
    rows = [["bare Litestar JSON", "-", bare["p50_ms"], bare["p95_ms"], bare["rps"], 1.0, bare["errors"]]]
    for name, s in results["queries"].items():
        rows.append([name, s["items"], s["p50_ms"], s["p95_ms"], s["rps"], s["p50_ratio"], s["errors"]])
    print(
        table(
            f"staff queue over {options.reports:,} reports (PostgreSQL, uvicorn 1 worker, {options.connections} "
            f"connections, {options.seconds:g} s each, logged in)",
            ["query", "items", "p50 ms", "p95 ms", "req/s", "p50 × bare", "errors"],
            rows,
        )
    )
    return results
