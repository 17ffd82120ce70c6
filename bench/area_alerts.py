"""Area alerts over a million reports on PostgreSQL: the Atom feeds and the matching of a new report.

Reuses the map benchmark's generator (bench/reports.py: N reports by COPY, default 1,000,000, their districts
round robin: the feed by district only needs their share), then writes S subscriptions (default 10,000; half
a district, half a circle of 250 m to 5 km around a random point).

- The real app (uvicorn, one worker, pool as shipped) serves the feeds an Atom reader polls: the whole town,
  a district, a circle of 500 m and one of 2 km; each with p50/p95, requests/s and the ratio to the bare
  Litestar endpoint in the same run.
- The matching a new report triggers (`defects.services.alerts.matching_alerts`, the district subscriptions
  and the circles in a box, then exact distances) is timed in-process for 1,000 random points, against the
  cheapest Piccolo query timed the same way (the yardstick).
The query plans (EXPLAIN ANALYZE) of the feed and matching queries are printed, to show the indexes they use.
Options: --reports, --alerts, --seconds, --connections.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from bench._common import (
    app_env,
    bench_database,
    env_set,
    load,
    measure_query,
    p95_row,
    prepare,
    row,
    seq_scans,
    serve,
    table,
)

POINTS = 1_000
CENTRE = (50.1586, 8.1781)  # Wehen, near the town hall


async def seed() -> None:
    from bench import reports

    await reports.seed()


async def subscribe() -> None:
    """S subscriptions of the demo's people."""
    import random

    import asyncpg

    from bench._common import points_inside
    from bench.reports import _kept_has
    from geo.tables import Municipality

    if await _kept_has("SELECT count(*) FROM defect_area_alert"):
        return
    municipality = await Municipality.objects().first()
    assert municipality is not None
    total = int(os.environ["BENCH_ALERTS"])
    connection = await asyncpg.connect(os.environ["DATABASE_URL"])
    try:
        started = time.monotonic()
        districts = [r["id"] for r in await connection.fetch("SELECT id FROM district ORDER BY id")]
        users = [r["id"] for r in await connection.fetch("SELECT id FROM piccolo_user ORDER BY id")]
        lats, lons = points_inside(municipality.boundary, total, seed=1313)
        pick = random.Random(1313)

        def rows() -> Any:
            for i in range(total):
                user = users[i % len(users)]
                if i % 2:
                    yield (municipality.id, user, "", districts[i % len(districts)], None, None, None)
                else:
                    yield (municipality.id, user, "", None, lats[i], lons[i], pick.choice((250, 500, 1000, 5000)))

        await connection.copy_records_to_table(
            "defect_area_alert",
            records=rows(),
            columns=["municipality", "user", "label", "district", "lat", "lon", "radius_m"],
        )
        await connection.execute("VACUUM ANALYZE defect_area_alert")
        print(f"{total:,} subscriptions in {time.monotonic() - started:.0f} s", flush=True)
    finally:
        await connection.close()


async def matching() -> None:
    """Time matching_alerts for random points, and a trivial query as the yardstick; EXPLAIN the queries."""
    from bench._common import points_inside
    from defects.services import alerts
    from defects.tables import Report
    from geo import services as geo
    from geo.tables import District, Municipality

    municipality = await Municipality.objects().first()
    assert municipality is not None
    territory = await geo.territory_of(municipality)
    lats, lons = points_inside(municipality.boundary, POINTS, seed=7)
    ids = [d["id"] for d in await District.select(District.id).order_by(District.id)]
    places = []
    for i, (lat, lon) in enumerate(zip(lats, lons, strict=True)):
        district = territory.district_at(lon, lat)  # the demo's districts may have no shapes: round robin then
        places.append((lat, lon, district.id if district else ids[i % len(ids)]))

    async def timed(step: Any) -> list[float]:
        spent = []
        for place in places:
            began = time.perf_counter()
            await step(place)
            spent.append((time.perf_counter() - began) * 1000)
        return sorted(spent)

    async def bare(place: Any) -> None:
        await Municipality.select(Municipality.id).where(Municipality.id == municipality.id).first()

    matched: list[int] = []

    async def match(place: Any) -> None:
        matched.append(len(await alerts.matching_alerts(municipality.id, *place)))

    yard = await timed(bare)
    spent = await timed(match)

    def p(values: list[float], q: float) -> float:
        return values[min(len(values) - 1, int(len(values) * q / 100))]

    one_district = int(places[0][2])
    lat, lon = CENTRE
    m = municipality.id
    # The queries exactly as the feed and the matching build them (defects.services.alerts).
    queries = {
        "feed: district": alerts.feed_query(m, alerts.Area(district_id=one_district)),
        "feed: whole town": alerts.feed_query(m, alerts.Area()),
        "feed: circle 500 m": alerts.feed_query(m, alerts.Area(lat=lat, lon=lon, radius_m=500)),
        "feed: circle 2 km": alerts.feed_query(m, alerts.Area(lat=lat, lon=lon, radius_m=2000)),
        "matching: district subscriptions": alerts.district_alerts_query(m, one_district),
        "matching: circles near the report": alerts.circle_alerts_query(m, lat, lon),
    }
    explained = {}
    for name, query in queries.items():
        rows = await Report.raw(f"EXPLAIN (ANALYZE, BUFFERS OFF, TIMING OFF) {query}")
        explained[name] = "\n".join(r["QUERY PLAN"] for r in rows)
    out = {
        "points": POINTS,
        "matching_p50_ms": p(spent, 50),
        "matching_p95_ms": p(spent, 95),
        "yardstick_p50_ms": p(yard, 50),
        "yardstick_p95_ms": p(yard, 95),
        "p50_ratio_to_yardstick": p(spent, 50) / max(p(yard, 50), 1e-6),
        "matched_per_report_mean": sum(matched) / len(matched),
        "plans": explained,
    }
    with open(os.environ["BENCH_OUT"], "w") as file:  # noqa: ASYNC230 (once, after measuring)
        file.write(json.dumps(out))


def parse(args: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench area_alerts", description=__doc__)
    parser.add_argument("--reports", type=int, default=1_000_000, help="how many reports to generate")
    parser.add_argument("--alerts", type=int, default=10_000, help="how many subscriptions to generate")
    parser.add_argument("--seconds", type=float, default=5, help="measuring time per query (default 5)")
    parser.add_argument("--connections", type=int, default=4, help="concurrent connections (default 4)")
    return parser.parse_args(args)


def run(args: list[str]) -> dict[str, Any]:
    options = parse(args)
    results: dict[str, Any] = {"settings": vars(options), "queries": {}}
    with serve("bench._bare_app:app") as bare_url:
        results["bare"] = load(f"{bare_url}/bare", seconds=options.seconds, connections=options.connections)
    with bench_database("postgres") as database_url:
        out = Path(tempfile.mkdtemp(prefix="stadtstimme-bench-")) / "matching.json"
        with env_set("BENCH_REPORTS", options.reports), env_set("BENCH_ALERTS", options.alerts):
            with env_set("BENCH_OUT", out):
                prepare(
                    database_url, "bench.area_alerts:seed", "bench.area_alerts:subscribe", "bench.area_alerts:matching"
                )
        results["matching"] = json.loads(out.read_text())
        feed = "/api/v1/municipalities/taunusstein/reports/feed.atom"
        lat, lon = CENTRE
        queries = [
            ("feed: whole town", feed),
            ("feed: district", f"{feed}?district=1"),
            ("feed: 500 m around a place", f"{feed}?lat={lat}&lon={lon}&radius=500"),
            ("feed: 2 km around a place", f"{feed}?lat={lat}&lon={lon}&radius=2000"),
        ]
        # The scheduler off: the seeded reports were never alerted, and the app's alert job would claim them
        # (200 a poll, each matched and mailed) while the queries are measured.
        with serve("backend.app:create_app", app_env(database_url, scheduler_enabled="false"), factory=True) as url:
            for name, path in queries:
                answer, stats = measure_query(
                    f"{url}{path}", results["bare"], seconds=options.seconds, connections=options.connections
                )
                stats["entries"] = answer.text.count("<entry>")
                results["queries"][name] = stats

    bare = results["bare"]
    rows = [["bare JSON (yardstick)", "-", "-", bare["p50_ms"], bare["p95_ms"], bare["rps"], 1.0, 1.0]]
    for name, s in results["queries"].items():
        rows.append(
            [
                name,
                s["entries"],
                s["first_ms"],
                s["p50_ms"],
                s["p95_ms"],
                s["rps"],
                s["rps_ratio_to_bare"],
                s["p50_ratio_to_bare"],
            ]
        )
    print(
        table(
            f"Area-alert feeds over {options.reports:,} reports (PostgreSQL, uvicorn 1 worker, "
            f"{options.connections} connections, {bare['tool']})",
            ["query", "entries", "first ms", "p50 ms", "p95 ms", "req/s", "rps/bare", "p50/bare"],
            rows,
        )
    )
    m = results["matching"]
    print(
        table(
            f"Matching a new report against {options.alerts:,} subscriptions ({m['points']} random points, in-process)",
            ["step", "p50 ms", "p95 ms", "p50 × yardstick", "matched / report"],
            [
                ["one Piccolo query (yardstick)", m["yardstick_p50_ms"], m["yardstick_p95_ms"], 1.0, "-"],
                [
                    "matching_alerts",
                    m["matching_p50_ms"],
                    m["matching_p95_ms"],
                    m["p50_ratio_to_yardstick"],
                    m["matched_per_report_mean"],
                ],
            ],
        )
    )
    for name, plan in m["plans"].items():
        print(f"\nplan of {name}:\n{plan}")
    whole = seq_scans(m["plans"], ("defect_report", "defect_area_alert"))
    results["seq_scans"] = whole
    feed_whole = [n for n in whole if n.startswith("feed")]
    match_whole = [n for n in whole if n.startswith("matching")]
    circle = results["queries"]["feed: 2 km around a place"]
    results["rows"] = [
        p95_row("alerts_circle_feed", circle, bare, feed_whole),
        row(
            "alerts_matching",
            m["matching_p95_ms"],
            yardstick=m["yardstick_p95_ms"],
            yardstick_what="one Piccolo query p95, in-process",
            unit="ms",
            met=m["matching_p95_ms"] <= 10 * m["yardstick_p95_ms"] and not match_whole,
            note=(f"{m['matched_per_report_mean']:.0f} matched per report; ")
            + ("Seq Scan in " + ", ".join(match_whole) if match_whole else "plans on indexes"),
        ),
    ]
    return results
