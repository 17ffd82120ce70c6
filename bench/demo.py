"""The demo as `just run` serves it: SQLite, the Taunusstein demo data, uvicorn with one worker, no access log.

Loads the demo (`backend.cli demo`) into a fresh SQLite file, then measures requests/s and p50/p95 of the calls
a visitor's first pages make (municipality, a consultation, its proposals, the report map at city zoom) against a
bare Litestar JSON endpoint on the same kind of worker in the same run. Rows of issue 15's table: demo_municipality,
demo_consultation, demo_proposals, demo_report_map (goal: each ≥ 0.1× bare). Options: --seconds, --connections.
"""

from __future__ import annotations

import argparse
import subprocess
from typing import Any

import httpx

from bench._common import PYTHON, ROOT, app_env, bench_database, load, row, serve, table

API = "/api/v1/municipalities/taunusstein"


def run(args: list[str]) -> dict[str, Any]:
    parser = argparse.ArgumentParser(prog="python -m bench demo")
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--connections", type=int, default=16)
    options = parser.parse_args(args)
    results: dict[str, Any] = {"settings": vars(options), "endpoints": {}}
    with serve("bench._bare_app:app") as bare_url:
        bare = results["bare"] = load(f"{bare_url}/bare", seconds=options.seconds, connections=options.connections)
    with bench_database("sqlite") as url:
        env = app_env(url)
        for command in (["migrate"], ["demo"]):
            subprocess.run([PYTHON, "-m", "backend.cli", *command], env=env, cwd=ROOT, check=True, capture_output=True)  # noqa: S603
        with serve("backend.app:create_app", env, factory=True) as base:
            consultations = httpx.get(f"{base}{API}/consultations/", timeout=30).json()
            cid = consultations[0]["id"]
            endpoints = {
                "demo_municipality": ("municipality", API),
                "demo_consultation": ("consultation", f"{API}/consultations/{cid}"),
                "demo_proposals": ("proposals", f"{API}/consultations/{cid}/proposals"),
                "demo_report_map": ("report map (z12)", f"{API}/reports?zoom=12&limit=1000"),
            }
            for row_id, (_, path) in endpoints.items():
                httpx.get(f"{base}{path}", timeout=30).raise_for_status()
                results["endpoints"][row_id] = load(
                    f"{base}{path}", seconds=options.seconds, connections=options.connections
                )
    rows = [["bare Litestar JSON", bare["p50_ms"], bare["p95_ms"], bare["rps"], 1.0, bare["errors"]]]
    results["rows"] = []
    for row_id, (name, _) in endpoints.items():
        m = results["endpoints"][row_id]
        ratio = m["rps"] / bare["rps"]
        rows.append([name, m["p50_ms"], m["p95_ms"], m["rps"], ratio, m["errors"]])
        results["rows"].append(
            row(
                row_id,
                m["rps"],
                yardstick=bare["rps"],
                yardstick_what=f"bare Litestar, {bare['tool']}",
                unit="req/s",
                met=ratio >= 0.1 and m["errors"] == 0,
            )
        )
    print(
        table(
            f"The demo as `just run` serves it (SQLite, 1 worker), {options.connections} connections, "
            f"{options.seconds:g} s each ({bare['tool']})",
            ["call", "p50 ms", "p95 ms", "req/s", "req/s ÷ bare", "errors"],
            rows,
        )
    )
    return results
