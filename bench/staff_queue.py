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
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from bench._common import app_env, bench_database, env_set, p95_row, prepare, seq_scans, serve, table
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

    from bench.reports import _kept_has

    if await _kept_has("SELECT count(*) FROM defect_report WHERE assignee IS NOT NULL"):
        return
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
    """EXPLAIN the queue's real queries (built by defects.services.staff_queue: the first segment of each sort)
    for the worker and the admin; the plans go to BENCH_OUT for the run's table and its Seq Scan check."""
    import json
    from datetime import timedelta

    from piccolo.apps.user.tables import BaseUser

    from contributions.actor import actor_in
    from defects.services import staff_queue as sq
    from defects.tables import Category
    from geo import clock
    from geo.tables import District, Municipality

    municipality = await Municipality.select(Municipality.id).first()
    assert municipality is not None
    m = municipality["id"]
    actors = {}
    for email in (WORKER, ADMIN):
        user = await BaseUser.select(BaseUser.id).where(BaseUser.email == email).first()
        assert user is not None
        actors[email] = await actor_in(user["id"], m)
    before = clock.now() - timedelta(days=14)
    category = await Category.select(Category.code).where(Category.code == "beleuchtung").first()
    district = await District.select(District.id).order_by(District.id).first()
    cases = {
        "open queue, oldest first": (WORKER, sq.QueueFilter()),
        "mir zugewiesen": (WORKER, sq.QueueFilter(assigned=sq.Assigned.ME)),
        "newest first": (WORKER, sq.QueueFilter(sort=sq.Sort.NEWEST)),
        "overdue first (late part)": (WORKER, sq.QueueFilter(sort=sq.Sort.OVERDUE)),
        "category + district": (
            WORKER,
            sq.QueueFilter(
                category=category["code"] if category else None, district_id=district["id"] if district else None
            ),
        ),
        "text search": (WORKER, sq.QueueFilter(q="Schaden")),
        "admin, priority first (dringend part)": (ADMIN, sq.QueueFilter(sort=sq.Sort.PRIORITY)),
    }
    plans = {}
    for name, (email, wanted) in cases.items():
        query = sq._base(m, actors[email], wanted, before, unrouted=False)
        _, condition, ascending = sq._segments(wanted, before)[0]
        if condition is not None:
            query = query.where(condition)
        query = query.order_by(sq.ReportRow.created_at, sq.ReportRow.id, ascending=ascending).limit(51)
        plan = await sq.ReportRow.raw(f"EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) {query}")
        plans[name] = "\n".join(row["QUERY PLAN"] for row in plan)
    with open(os.environ["BENCH_OUT"], "w") as file:  # noqa: ASYNC230 (once, after measuring)
        file.write(json.dumps(plans))


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
        out = Path(tempfile.mkdtemp(prefix="stadtstimme-bench-")) / "plans.json"
        with env_set("BENCH_REPORTS", options.reports), env_set("BENCH_OUT", out):
            prepare(database_url, "bench.staff_queue:seed", "bench.staff_queue:route", "bench.staff_queue:explain")
        results["plans"] = json.loads(out.read_text())
        # The scheduler off: the seeded reports were never alerted, and the app's alert job would claim them
        # (200 a poll, each matched and mailed) while the queries are measured.
        with serve("backend.app:create_app", app_env(database_url, scheduler_enabled="false"), factory=True) as url:
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
    for name, plan in results["plans"].items():
        print(f"\nplan of {name}:\n{plan}")
    whole = seq_scans(results["plans"])
    results["seq_scans"] = whole
    worst_name, worst = max(results["queries"].items(), key=lambda kv: kv[1]["p95_ms"])
    results["rows"] = [p95_row("staff_queue", worst, bare, whole, worst=worst_name)]
    return results
