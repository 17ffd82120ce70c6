"""Address benchmark: search and reverse lookup over a register of 50,000 addresses on PostgreSQL.

A generator writes N houses (default 50,000) by asyncpg's COPY into a database of its own: 125 street names
in each of Taunusstein's ten districts, 40 houses each, at random points inside the town. The real app
(uvicorn, one worker, pool as shipped) answers what the location picker asks while a person types and after
a pin is dropped; each with p50/p95, requests/s and the ratio to the bare Litestar endpoint of the same run.
The query plans of the two SQL statements behind them are printed, to show the index they use.
Options: --addresses, --seconds, --connections.
"""

from __future__ import annotations

import argparse
import os
import time
from typing import Any

from bench._common import (
    app_env,
    bench_database,
    env_set,
    load,
    measure_query,
    p95_row,
    points_inside,
    prepare,
    seq_scans,
    serve,
    table,
)

TREES = [
    "Ahorn",
    "Birken",
    "Eichen",
    "Linden",
    "Buchen",
    "Erlen",
    "Eschen",
    "Fichten",
    "Kastanien",
    "Tannen",
    "Ulmen",
    "Weiden",
    "Pappel",
    "Kiefern",
    "Holunder",
    "Rosen",
    "Tulpen",
    "Nelken",
    "Flieder",
    "Lärchen",
    "Schlehen",
    "Wacholder",
    "Hasel",
    "Efeu",
    "Mispel",
]
KINDS = ["straße", "weg", "gasse", "ring", "allee"]
PIN = (50.1586, 8.1781)


async def seed() -> None:
    import random

    import asyncpg

    from backend.demo import TAUNUSSTEIN_DISTRICTS, load_demo
    from backend.wiring import content_registry
    from bench.reports import _kept_has
    from geo.addresses.keys import address_key, normalise
    from geo.tables import Municipality

    content_registry().install()  # the demo's moderation decisions reach its content rows
    total = int(os.environ["BENCH_ADDRESSES"])
    if await _kept_has(f"SELECT CASE WHEN count(*) >= {total} THEN count(*) ELSE 0 END FROM geo_address"):
        return
    kept = await _kept_has("SELECT count(*) FROM municipality")  # the reports' database: the demo is there
    found = await Municipality.objects().first() if kept else None
    if found is None:
        context = await load_demo(hashing="fast-insecure")
        assert context is not None, "the bench database was not empty"
        found = context.municipality
    municipality = found
    lats, lons = points_inside(municipality.boundary, total, seed=13)
    streets = [f"{tree}{kind}" for tree in TREES for kind in KINDS]
    combos = [(street, place) for place in TAUNUSSTEIN_DISTRICTS for street in streets]
    pick = random.Random(13)

    def rows() -> Any:
        for i in range(total):
            street, place = combos[i % len(combos)]
            number = str(i // len(combos) + 1) + ("a" if pick.random() < 0.05 else "")
            yield (
                municipality.id,
                street,
                number,
                "65232",
                place,
                lats[i],
                lons[i],
                address_key(street, number),
                normalise(place),
            )

    started = time.monotonic()
    connection = await asyncpg.connect(os.environ["DATABASE_URL"])
    try:
        await connection.execute("DELETE FROM geo_address")
        await connection.copy_records_to_table(
            "geo_address",
            records=rows(),
            columns=[
                "municipality",
                "street",
                "house_number",
                "postcode",
                "place",
                "lat",
                "lon",
                "search_key",
                "place_key",
            ],
        )
        await connection.execute("UPDATE geo_address_register SET address_count = $1, approximate = FALSE", total)
        await connection.execute("VACUUM ANALYZE geo_address")
    finally:
        await connection.close()
    print(f"seeded {total:,} addresses in {time.monotonic() - started:.1f} s", flush=True)


PLANS = {
    "search 'lindenstr 1'": (
        "SELECT street, house_number, postcode, place, lat, lon, search_key FROM geo_address "
        "WHERE municipality = 1 AND search_key >= 'lindenstr 1' AND search_key < 'lindenstr 1~' "
        "ORDER BY search_key LIMIT 200"
    ),
    "search 'hahn, linden'": (
        "SELECT street, house_number, postcode, place, lat, lon, search_key FROM geo_address "
        "WHERE municipality = 1 AND search_key >= 'linden' AND search_key < 'linden~' "
        "AND place_key >= 'hahn' AND place_key < 'hahn~' ORDER BY search_key LIMIT 200"
    ),
    "search 'nienweg 3' (infix)": (
        "SELECT street, house_number, postcode, place, lat, lon, search_key FROM geo_address "
        "WHERE municipality = 1 AND search_key LIKE '%nienweg%3%' ORDER BY search_key LIMIT 200"
    ),
    "reverse (60 m box)": (
        "SELECT street, house_number, postcode, place, lat, lon, search_key FROM geo_address "
        f"WHERE municipality = 1 AND lat >= {PIN[0] - 0.00054} AND lat <= {PIN[0] + 0.00054} "
        f"AND lon >= {PIN[1] - 0.00084} AND lon <= {PIN[1] + 0.00084}"
    ),
}


async def _plans(database_url: str) -> dict[str, str]:
    import asyncpg

    connection = await asyncpg.connect(database_url)
    try:
        out = {}
        for name, sql in PLANS.items():
            rows = await connection.fetch(f"EXPLAIN (ANALYZE, BUFFERS OFF, TIMING OFF) {sql}")
            out[name] = "\n".join(r[0] for r in rows)
        return out
    finally:
        await connection.close()


def parse(args: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench addresses", description=__doc__)
    parser.add_argument("--addresses", type=int, default=50_000, help="how many addresses to generate")
    parser.add_argument("--seconds", type=float, default=5, help="measuring time per query (default 5)")
    parser.add_argument("--connections", type=int, default=4, help="concurrent connections (default 4)")
    return parser.parse_args(args)


def run(args: list[str]) -> dict[str, Any]:
    import asyncio

    options = parse(args)
    results: dict[str, Any] = {"settings": vars(options), "queries": {}}
    with serve("bench._bare_app:app") as bare_url:
        results["bare"] = load(f"{bare_url}/bare", seconds=options.seconds, connections=options.connections)
    with bench_database("postgres") as database_url:
        with env_set("BENCH_ADDRESSES", options.addresses):
            prepare(database_url, "bench.addresses:seed")
        base = "/api/v1/municipalities/taunusstein/addresses"
        queries = [
            ("search 'Lindenstraße 1'", f"{base}?q=Lindenstra%C3%9Fe%201"),
            ("search 'Hahn, Linden'", f"{base}?q=Hahn%2C%20Linden"),
            ("search 'Ei' (streets)", f"{base}?q=Ei"),
            ("search 'kastanienweg 3' (prefix)", f"{base}?q=kastanienweg%203"),
            ("search 'nienweg 3' (infix, trigram)", f"{base}?q=nienweg%203"),
            ("reverse lookup", f"{base}/reverse?lat={PIN[0]}&lon={PIN[1]}"),
            ("locate (no address, yardstick)", f"/api/v1/municipalities/taunusstein/locate?lat={PIN[0]}&lon={PIN[1]}"),
        ]
        # The scheduler off: the seeded reports were never alerted, and the app's alert job would claim them
        # (200 a poll, each matched and mailed) while the queries are measured.
        with serve("backend.app:create_app", app_env(database_url, scheduler_enabled="false"), factory=True) as url:
            for name, path in queries:
                answer, stats = measure_query(
                    f"{url}{path}", results["bare"], seconds=options.seconds, connections=options.connections
                )
                body = answer.json()
                stats["found"] = len(body["addresses"]) if "addresses" in body else int(body.get("address") is not None)
                results["queries"][name] = stats
        results["plans"] = asyncio.run(_plans(database_url))

    bare = results["bare"]
    rows = [["bare JSON (yardstick)", "-", "-", bare["p50_ms"], bare["p95_ms"], bare["rps"], 1.0, 1.0]]
    for name, s in results["queries"].items():
        rows.append(
            [
                name,
                s["found"],
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
            f"Address search over {options.addresses:,} addresses (PostgreSQL, uvicorn 1 worker, "
            f"{options.connections} connections, {bare['tool']})",
            ["query", "found", "first ms", "p50 ms", "p95 ms", "req/s", "rps/bare", "p50/bare"],
            rows,
        )
    )
    for name, plan in results["plans"].items():
        print(f"\nplan of {name}:\n{plan}")
    whole = seq_scans(results["plans"], ("geo_address",))
    results["seq_scans"] = whole
    searches = {n: q for n, q in results["queries"].items() if n.startswith("search")}
    worst_name, worst = max(searches.items(), key=lambda kv: kv[1]["p95_ms"])
    results["rows"] = [p95_row("address_search", worst, bare, whole, worst=worst_name)]
    return results
