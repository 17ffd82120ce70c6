"""Moderation queue benchmark: the queue endpoints with 10,000 waiting items on PostgreSQL.

A database `stadtstimme_bench_*` is created for the run and dropped afterwards. It holds one municipality with
10,000 waiting items (four content types, mixed screening reasons, twenty consultations, spread over 30 days)
plus 20,000 decided ones, as a busy year would leave them. A moderator logs in over HTTP; the same httpx load
loop then measures, with the moderator's cookies, the first page, a filtered page (type + reason), a
consultation's page, a later page (keyset cursor) and the counts, and the bare Litestar JSON endpoint as the
yardstick, in the same run. The app runs as shipped (with its PostgreSQL connection pool);
`--without-pool` runs it a second time with a connection per query (DATABASE_POOL_SIZE=0) for comparison.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from typing import Any

import httpx

from bench._common import app_env, bench_database, prepare, serve, table
from geo import clock

MODERATOR = "moderation@taunusstein.example"
PASSWORD = "bench-moderation-2026"  # noqa: S105 (a throwaway account in a throwaway database)
WAITING = 10_000
DECIDED = 20_000
TYPES = ["comment", "proposal", "defect_report", "photo"]
REASONS = ["|new_account|", "|phone|new_account|", "|post_review|", "|insult|", "|photo|", "|flags|", "|link|"]


async def seed() -> None:
    """Taunusstein, a moderator, and the items (inserted in chunks; moderation has no content tables to fill)."""
    import random
    from datetime import timedelta

    from backend.accounts.services import create_account
    from backend.demo import TAUNUSSTEIN_AGS
    from geo import services as geo
    from geo.roles import Role
    from moderation.tables import ModerationItem

    rng = random.Random(11)
    municipality = await geo.create_from_ags(TAUNUSSTEIN_AGS)
    moderator = await create_account(MODERATOR, PASSWORD, "Mo Derator", verified=True, hashing="fast-insecure")
    await geo.grant_role(moderator, municipality.id, Role.MODERATOR)
    authors = [
        await create_account(
            f"resident{i}@example.org", PASSWORD, f"Person {i}", verified=True, hashing="fast-insecure"
        )
        for i in range(50)
    ]
    start = clock.now() - timedelta(days=30)
    rows = []
    for index in range(WAITING + DECIDED):
        waiting = index < WAITING
        moment = start + timedelta(seconds=rng.randrange(30 * 24 * 3600))
        content_type = TYPES[index % len(TYPES)]
        rows.append(
            ModerationItem(
                municipality=municipality.id,
                content_type=content_type,
                content_id=index + 1,
                author=rng.choice(authors),
                text=f"Beitrag {index}: Der Gehweg in der Aarstraße braucht eine Absenkung für Rollstühle. " * 2,
                context_id=rng.randrange(1, 21) if content_type in ("comment", "proposal") else None,
                state="pending" if waiting else rng.choice(["public", "rejected", "hidden"]),
                queued=waiting,
                queued_at=moment,
                created_at=moment,
                reasons=rng.choice(REASONS) if waiting else "",
                link=f"#/{content_type}/{index + 1}",
            )
        )
    for chunk in range(0, len(rows), 1000):
        await ModerationItem.insert(*rows[chunk : chunk + 1000])
    await ModerationItem.raw("ANALYZE moderation_item")


async def _login(base: str) -> httpx.Cookies:
    async with httpx.AsyncClient(base_url=base, timeout=10) as client:
        await client.get("/api/health")
        response = await client.post(
            "/api/v1/auth/login",
            json={"email": MODERATOR, "password": PASSWORD},
            headers={"x-csrftoken": client.cookies.get("csrftoken") or ""},
        )
        response.raise_for_status()
        return client.cookies


async def _measure(url: str, cookies: httpx.Cookies | None, seconds: float, connections: int) -> dict[str, Any]:
    """Closed-loop load from `connections` clients for `seconds`: latency percentiles and throughput."""
    latencies: list[float] = []
    errors = 0
    size = 0
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(limits=limits, timeout=10, cookies=cookies) as client:

        async def worker(deadline: float, record: bool) -> None:
            nonlocal errors, size
            while time.monotonic() < deadline:
                began = time.perf_counter()
                response = await client.get(url)
                elapsed = time.perf_counter() - began
                if response.status_code != 200:
                    errors += 1
                size = len(response.content)
                if record:
                    latencies.append(elapsed)

        warm = time.monotonic() + 1
        await asyncio.gather(*(worker(warm, False) for _ in range(connections)))
        began = time.monotonic()
        await asyncio.gather(*(worker(began + seconds, True) for _ in range(connections)))
        wall = time.monotonic() - began
    latencies.sort()

    def percentile(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(len(latencies) * p / 100))] * 1000 if latencies else 0.0

    return {
        "p50_ms": percentile(50),
        "p95_ms": percentile(95),
        "p99_ms": percentile(99),
        "rps": len(latencies) / wall,
        "requests": len(latencies),
        "errors": errors,
        "body_bytes": size,
    }


def parse(args: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench moderation_queue", description=__doc__)
    parser.add_argument("--seconds", type=float, default=5, help="measuring time per endpoint (default 5)")
    parser.add_argument("--connections", type=int, default=2, help="concurrent connections (default 2)")
    parser.add_argument("--without-pool", action="store_true", help="also run with a connection per query")
    return parser.parse_args(args)


def run(args: list[str]) -> dict[str, Any]:
    options = parse(args)
    results: dict[str, Any] = {
        "settings": vars(options),
        "waiting_items": WAITING,
        "decided_items": DECIDED,
        "endpoints": {},
    }
    with serve("bench._bare_app:app") as bare_url:
        results["bare"] = asyncio.run(_measure(f"{bare_url}/bare", None, options.seconds, options.connections))
    variants = [("as shipped", {})]
    if options.without_pool:
        variants.append(("no pool", {"database_pool_size": "0"}))
    with bench_database("postgres") as database_url:
        prepare(database_url, "bench.moderation_queue:seed")
        for variant, settings in variants:
            with serve("backend.app:create_app", app_env(database_url, **settings), factory=True) as url:
                cookies = asyncio.run(_login(url))
                base = f"{url}/api/v1/municipalities/taunusstein/moderation"
                later = httpx.get(f"{base}/queue?limit=25", cookies=cookies, timeout=10).json()["next_cursor"]
                for _ in range(19):  # page 21: the cursor keeps later pages as cheap as the first
                    page = httpx.get(f"{base}/queue?limit=25&cursor={later}", cookies=cookies, timeout=10)
                    later = page.json()["next_cursor"]
                endpoints = {
                    "first page": f"{base}/queue?limit=25",
                    "filtered page (type+reason)": f"{base}/queue?limit=25&type=comment&reason=phone",
                    "consultation page": f"{base}/queue?limit=25&context=7",
                    "page 21 (keyset)": f"{base}/queue?limit=25&cursor={later}",
                    "counts": f"{base}/queue/counts",
                    "counts filtered": f"{base}/queue/counts?type=comment&reason=phone",
                }
                for name, endpoint in endpoints.items():
                    results["endpoints"][f"{name} ({variant})"] = asyncio.run(
                        _measure(endpoint, cookies, options.seconds, options.connections)
                    )
    bare = results["bare"]
    rows = [["bare Litestar JSON", bare["p50_ms"], bare["p95_ms"], bare["rps"], 1.0, bare["errors"]]]
    for name, stats in results["endpoints"].items():
        stats["p50_ratio"] = stats["p50_ms"] / bare["p50_ms"]
        rows.append([name, stats["p50_ms"], stats["p95_ms"], stats["rps"], stats["p50_ratio"], stats["errors"]])
    print(
        table(
            f"moderation_queue: {WAITING:,} waiting + {DECIDED:,} decided items, PostgreSQL, uvicorn 1 worker, "
            f"{options.connections} connections, {options.seconds:g} s each (httpx, logged in as moderator)",
            ["endpoint", "p50 ms", "p95 ms", "req/s", "p50 × bare", "errors"],
            rows,
        )
    )
    return results
