"""Foundation benchmark: the real app's public read endpoints against a bare Litestar JSON endpoint.

Both run under uvicorn with one worker on loopback, one after the other, in the same run; the real app uses a
PostgreSQL database created for the run (`stadtstimme_bench_*`) and dropped afterwards. Each endpoint's
throughput and latency is also given as a ratio to the bare endpoint, which cancels out the machine's speed.
On PostgreSQL the real app runs twice: as shipped (a pool of database connections per worker) and with the
pool switched off (DATABASE_POOL_SIZE=0, a new connection per query), to show what the pool is worth.
"""

from __future__ import annotations

import argparse
import gzip
import json
from typing import Any

import httpx

from bench._common import app_env, bench_database, load, prepare, row, serve, table

INSIDE = {"lat": 50.1586, "lon": 8.1781}  # Wehen, near the town hall
ENDPOINTS = [
    ("municipality", "/api/v1/municipalities/taunusstein"),
    ("locate", f"/api/v1/municipalities/taunusstein/locate?lat={INSIDE['lat']}&lon={INSIDE['lon']}"),
    ("health", "/api/health"),
]


async def seed() -> None:
    """The Taunusstein demo, plus district polygons so the payload has the size a real deployment has."""
    from shapely.geometry import box, mapping, shape

    from backend.demo import TAUNUSSTEIN_DISTRICTS, load_demo
    from geo import services as geo

    context = await load_demo(hashing="fast-insecure")
    assert context is not None, "the bench database was not empty"
    boundary = shape(json.loads(context.municipality.boundary))
    west, south, east, north = boundary.bounds
    width = (east - west) / len(TAUNUSSTEIN_DISTRICTS)
    features = [
        {
            "type": "Feature",
            "properties": {"name": name},
            "geometry": mapping(boundary.intersection(box(west + i * width, south, west + (i + 1) * width, north))),
        }
        for i, name in enumerate(TAUNUSSTEIN_DISTRICTS)
    ]
    await geo.upload_districts(context.municipality, {"type": "FeatureCollection", "features": features})


def parse(args: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench foundation", description=__doc__)
    parser.add_argument("--seconds", type=float, default=5, help="measuring time per endpoint (default 5)")
    parser.add_argument("--connections", type=int, default=16, help="concurrent connections (default 16)")
    parser.add_argument("--engine", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--no-pool-variant", action="store_true", help="skip the run without a connection pool")
    return parser.parse_args(args)


def run(args: list[str]) -> dict[str, Any]:
    options = parse(args)
    results: dict[str, Any] = {"settings": vars(options), "endpoints": {}}

    with serve("bench._bare_app:app") as bare_url:
        results["bare"] = load(f"{bare_url}/bare", seconds=options.seconds, connections=options.connections)

    variants = [("as shipped", "10")]
    if options.engine == "postgres" and not options.no_pool_variant:
        variants.append(("no pool", "0"))
    with bench_database(options.engine) as database_url:
        prepare(database_url, "bench.foundation:seed")
        for variant, pool_size in variants:
            with serve(
                "backend.app:create_app", app_env(database_url, database_pool_size=pool_size), factory=True
            ) as url:
                for name, path in ENDPOINTS:
                    answer = httpx.get(f"{url}{path}", timeout=10)
                    answer.raise_for_status()
                    stats = load(f"{url}{path}", seconds=options.seconds, connections=options.connections)
                    stats["body_bytes"] = len(answer.content)
                    stats["body_gzip_bytes"] = len(gzip.compress(answer.content))
                    results["endpoints"][f"{name} ({variant})"] = stats

    bare = results["bare"]
    rows = [["bare Litestar JSON", "", 15, bare["p50_ms"], bare["p95_ms"], bare["rps"], 1.0, 1.0, bare["errors"]]]
    for variant, _ in variants:
        for name, path in ENDPOINTS:
            stats = results["endpoints"][f"{name} ({variant})"]
            stats["rps_ratio"] = stats["rps"] / bare["rps"]
            stats["p50_ratio"] = stats["p50_ms"] / bare["p50_ms"]
            rows.append(
                [
                    f"GET {path.split('?')[0]}",
                    variant,
                    stats["body_bytes"],
                    stats["p50_ms"],
                    stats["p95_ms"],
                    stats["rps"],
                    stats["rps_ratio"],
                    stats["p50_ratio"],
                    stats["errors"],
                ]
            )
    print(
        table(
            f"foundation: uvicorn, 1 worker, {options.engine}, {options.connections} connections, "
            f"{options.seconds:g} s per endpoint ({bare['tool']})",
            ["endpoint", "app", "body B", "p50 ms", "p95 ms", "req/s", "req/s ÷ bare", "p50 × bare", "errors"],
            rows,
        )
    )
    municipality = results["endpoints"]["municipality (as shipped)"]
    print(f"municipality payload: {municipality['body_bytes']:,} B JSON, {municipality['body_gzip_bytes']:,} B gzipped")
    bare_what = f"bare Litestar, {bare['tool']}"
    health = results["endpoints"]["health (as shipped)"]
    results["rows"] = (
        []
        if options.engine != "postgres"
        else [
            row(
                "municipality_pg",
                municipality["rps"],
                yardstick=bare["rps"],
                yardstick_what=bare_what,
                unit="req/s",
                met=municipality["rps"] / bare["rps"] >= 0.25,
                note=f"p50 {municipality['p50_ms']:.1f} ms",
            ),
            row(
                "health",
                health["rps"],
                yardstick=bare["rps"],
                yardstick_what=bare_what,
                unit="req/s",
                met=health["rps"] / bare["rps"] >= 0.4,
            ),
        ]
    )
    return results
