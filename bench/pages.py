"""The consultation page's calls at 1,000 proposals / 20,000 comments, and the app's start-up time.

Seeds like `bench consultation` (its seed, without the vote run), serves the real app (uvicorn, one worker,
PostgreSQL, pool of 10) and measures p50/p95 of every call the consultation and proposal pages make, the bytes of
each answer and of a conditional GET (If-None-Match → 304) for an anonymous reader; then times
`python -c 'import backend.app'` against `python -c 'import litestar'` (best of --imports runs each).
Rows of issue 15's table: consultation_pages (worst p95 of the calls, goal ≤ 100 ms) and app_start (≤ 1 s).
Options: --proposals, --comments, --seconds, --connections, --imports, --no-seed (only the start-up).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import time
from typing import Any

import httpx

from bench._common import PYTHON, ROOT, app_env, bench_database, load, row, serve, table

SLUG = "taunusstein"


def import_seconds(module: str, runs: int) -> list[float]:
    """Wall seconds of a fresh interpreter importing `module` (what every worker and CLI call pays)."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([PYTHON, "-c", f"import {module}"], cwd=ROOT, env=app_env("sqlite:///:memory:"), check=True)  # noqa: S603
        times.append(time.perf_counter() - started)
    return times


def startup(runs: int) -> dict[str, Any]:
    app, bare = import_seconds("backend.app", runs), import_seconds("litestar", runs)
    return {"app_s": app, "litestar_s": bare, "app_best": min(app), "litestar_best": min(bare)}


def pages(options: argparse.Namespace) -> dict[str, Any]:
    from bench.consultation import run_seed

    seed_options = argparse.Namespace(proposals=options.proposals, comments=options.comments, voters=0, vote_limit=5)
    results: dict[str, Any] = {}
    with bench_database("postgres") as url:
        started = time.monotonic()
        seeded = run_seed(url, seed_options)
        results["seed_seconds"] = round(time.monotonic() - started, 1)
        cid, hot, some = seeded["consultation"], seeded["hot"], seeded["proposals"][len(seeded["proposals"]) // 2]
        api = f"/api/v1/municipalities/{SLUG}"
        hot_thread = f"{api}/proposals/{hot}/comments?sort=most_discussed"
        endpoints = {
            "consultation": f"{api}/consultations/{cid}",
            "proposals (most supported, 50)": f"{api}/consultations/{cid}/proposals?sort=most_supported&limit=50",
            "proposals (topic filter, newest)": f"{api}/consultations/{cid}/proposals?sort=newest&category=Verkehr",
            "pins (all, for the map)": f"{api}/consultations/{cid}/pins",
            "proposal": f"{api}/proposals/{some}",
            "comments (typical proposal)": f"{api}/proposals/{some}/comments?sort=most_supported&limit=20",
            "comments (hottest, 20 a page, as the page asks)": f"{hot_thread}&limit=20",
            "comments (hottest, 50 a page, the API's default)": hot_thread,
        }
        with serve("bench._bare_app:app") as bare_url:  # the yardstick, same kind of worker, same moment
            results["bare"] = load(f"{bare_url}/bare", seconds=options.seconds, connections=options.connections)
        with serve("backend.app:create_app", app_env(url, database_pool_size="10"), factory=True) as base:
            numbers: dict[str, Any] = {}
            for name, path in endpoints.items():
                first = httpx.get(base + path, timeout=30)
                first.raise_for_status()
                tag = first.headers.get("etag")
                again = httpx.get(base + path, headers={"If-None-Match": tag} if tag else {}, timeout=30)
                m = load(base + path, seconds=options.seconds, connections=options.connections)
                m.update(body_bytes=len(first.content), conditional_status=again.status_code)
                m["conditional_bytes"] = len(again.content)
                numbers[name] = m
        results["endpoints"] = numbers
    return results


def run(args: list[str]) -> dict[str, Any]:
    parser = argparse.ArgumentParser(prog="python -m bench pages")
    parser.add_argument("--proposals", type=int, default=1000)
    parser.add_argument("--comments", type=int, default=20_000)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--imports", type=int, default=5, help="fresh interpreters per import timing")
    parser.add_argument("--no-seed", action="store_true", help="only the start-up timing")
    options = parser.parse_args(args)
    results: dict[str, Any] = {"data": vars(options), "rows": []}
    if not options.no_seed:
        results.update(pages(options))
        numbers = results["endpoints"]
        tool = next(iter(numbers.values()))["tool"]
        print(
            table(
                f"Consultation page calls, PostgreSQL, {options.proposals} proposals / {options.comments} comments, "
                f"{options.connections} connections, {options.seconds:g} s each ({tool})",
                ["call", "p50 ms", "p95 ms", "req/s", "errors", "KB", "If-None-Match", "then B"],
                [
                    [
                        n,
                        m["p50_ms"],
                        m["p95_ms"],
                        m["rps"],
                        m["errors"],
                        m["body_bytes"] / 1024,
                        m["conditional_status"],
                        m["conditional_bytes"],
                    ]
                    for n, m in numbers.items()
                ],
            )
        )
        bare = results["bare"]
        print(
            f"yardstick: bare Litestar JSON p50 {bare['p50_ms']:.2f} ms, p95 {bare['p95_ms']:.2f} ms, "
            f"{bare['rps']:,.0f} req/s"
        )
        page_calls = {n: m for n, m in numbers.items() if "API's default" not in n}  # what the pages ask
        worst_name, worst = max(page_calls.items(), key=lambda item: item[1]["p95_ms"])
        results["rows"].append(
            row(
                "consultation_pages",
                worst["p95_ms"],
                yardstick=bare["p95_ms"],
                yardstick_what="bare Litestar p95",
                unit="ms",
                met=worst["p95_ms"] <= 100 and all(m["errors"] == 0 for m in numbers.values()),
                note=f"worst: {worst_name}",
            )
        )
    start = results["startup"] = startup(options.imports)
    print(
        table(
            f"Start-up: fresh interpreter, best of {options.imports} (median in brackets)",
            ["import", "seconds", "median"],
            [
                ["backend.app", start["app_best"], statistics.median(start["app_s"])],
                ["litestar (yardstick)", start["litestar_best"], statistics.median(start["litestar_s"])],
            ],
        )
    )
    results["rows"].append(
        row(
            "app_start",
            start["app_best"],
            yardstick=start["litestar_best"],
            yardstick_what="import litestar",
            unit="s",
            met=start["app_best"] <= 1.0,
        )
    )
    return results
