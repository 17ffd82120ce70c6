"""Shared parts of the benchmarks: a throwaway database, the real app under uvicorn, a bounded load generator.

Everything runs on loopback. Databases are named `stadtstimme_bench_*` and dropped afterwards; the helpers refuse
to drop any other. Load comes from `wrk` (Debian package) when installed, else from a bounded httpx client.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BENCH_PREFIX = "stadtstimme_bench_"
SERVER_URL = os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")

_WRK_REPORT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    'BENCH {"p50_us": %d, "p95_us": %d, "p99_us": %d, "requests": %d, "duration_us": %d, "bytes": %d, "errors": %d}\\n',
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    summary.requests, summary.duration, summary.bytes, errors))
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# ---------------------------------------------------------------------------------------------- database


def _pg(sql: str) -> None:
    import asyncpg

    async def run() -> None:
        connection = await asyncpg.connect(SERVER_URL, timeout=5)
        try:
            await connection.execute(sql)
        finally:
            await connection.close()

    asyncio.run(run())


@contextmanager
def bench_database(engine: str = "postgres") -> Iterator[str]:
    """A fresh, empty database for one benchmark run (PostgreSQL by default, or a SQLite file); dropped after.

    With BENCH_KEEP_DATABASE=stadtstimme_bench_NAME, PostgreSQL runs share that one database instead (kept)."""
    kept = os.environ.get("BENCH_KEEP_DATABASE", "")
    if kept and engine == "postgres":
        # One database kept across runs (the seeds skip what it already holds): created when missing, never dropped.
        if not kept.startswith(BENCH_PREFIX) or not kept.replace("_", "").isalnum():
            raise ValueError(f"BENCH_KEEP_DATABASE must be a plain name starting with {BENCH_PREFIX}")
        with contextlib.suppress(Exception):  # it exists already
            _pg(f'CREATE DATABASE "{kept}"')
        yield urlunparse(urlparse(SERVER_URL)._replace(path=f"/{kept}"))
        return
    name = f"{BENCH_PREFIX}{os.getpid()}_{uuid.uuid4().hex[:8]}"
    if engine == "sqlite":
        folder = Path(tempfile.mkdtemp(prefix="stadtstimme-bench-"))
        try:
            yield f"sqlite:///{folder / name}.sqlite"
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return
    _pg(f'CREATE DATABASE "{name}"')
    try:
        yield urlunparse(urlparse(SERVER_URL)._replace(path=f"/{name}"))
    finally:
        assert name.startswith(BENCH_PREFIX)
        _pg(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def app_env(database_url: str, **settings: str) -> dict[str, str]:
    """Environment for the app and its CLI: the bench database, no tiles, no mail server, quiet logs."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "PICCOLO_CONF": "backend.piccolo_conf",
        "TILE_URL": "",
        "LOG_LEVEL": "WARNING",
        "PASSWORD_HASHING": "fast-insecure",
        "RATE_LIMIT_PER_MINUTE": "1000000",
        "ADDRESS_SEARCH_PER_MINUTE": "1000000",
        "MAIL_OUTBOX_DIR": tempfile.mkdtemp(prefix="stadtstimme-bench-mail-"),
        "PYTHONPATH": str(ROOT),
    }
    env.update({key.upper(): value for key, value in settings.items()})
    return env


def prepare(database_url: str, *setups: str) -> None:
    """Migrate the database, then run each setup coroutine ("package.module:function") against it."""
    env = app_env(database_url)
    subprocess.run(  # noqa: S603 (our own interpreter and module)
        [PYTHON, "-m", "backend.cli", "migrate"], env=env, cwd=ROOT, check=True, capture_output=True
    )
    for spec in setups:
        module, function = spec.split(":")
        # The content types are wired as the app and the CLI wire them: seeds file contributions through moderation.
        code = (
            "import asyncio; from backend.wiring import content_registry; content_registry().install(); "
            f"import {module} as m; asyncio.run(m.{function}())"
        )
        subprocess.run([PYTHON, "-c", code], env=env, cwd=ROOT, check=True)  # noqa: S603 (specs come from our code)


@contextmanager
def env_set(name: str, value: object) -> Iterator[None]:
    """A setting for the seed subprocesses (e.g. BENCH_REPORTS), removed afterwards."""
    os.environ[name] = str(value)
    try:
        yield
    finally:
        os.environ.pop(name, None)


def districts_of(districts: list[tuple[int, str | None]], lats: list[float], lons: list[float]) -> list[int | None]:
    """The district (id) whose polygon holds each point, as in a real town, where a map cell lies in one to
    three districts; a point in no polygon (or districts without shapes) gets the districts in turn."""
    import numpy as np
    import shapely
    from shapely.geometry import shape

    ys, xs = np.asarray(lats), np.asarray(lons)
    found = np.zeros(len(ys), dtype=np.int64)
    for district_id, geometry in districts:
        if geometry:
            inside = shapely.contains_xy(shape(json.loads(geometry)), xs, ys) & (found == 0)
            found[inside] = district_id
    ids = [d for d, _ in districts]
    return [int(f) if f else (ids[i % len(ids)] if ids else None) for i, f in enumerate(found.tolist())]


def points_inside(boundary_geojson: str, total: int, seed: int) -> tuple[list[float], list[float]]:
    """`total` random points (lats, lons) inside a municipality's boundary, the same for the same seed."""
    import numpy as np
    import shapely
    from shapely.geometry import shape

    boundary = shape(json.loads(boundary_geojson))
    west, south, east, north = boundary.bounds
    rng = np.random.default_rng(seed)
    lats: list[float] = []
    lons: list[float] = []
    while len(lats) < total:
        x = rng.uniform(west, east, total)
        y = rng.uniform(south, north, total)
        inside = shapely.contains_xy(boundary, x, y)
        lons += x[inside].tolist()
        lats += y[inside].tolist()
    return lats[:total], lons[:total]


# ---------------------------------------------------------------------------------------------- servers


@contextmanager
def serve(app: str, env: Mapping[str, str] | None = None, *, factory: bool = False) -> Iterator[str]:
    """Run `app` (e.g. "backend.app:create_app") with uvicorn, one worker, on a free loopback port."""
    port = free_port()
    command = [PYTHON, "-m", "uvicorn", app, "--host", "127.0.0.1", "--port", str(port), "--workers", "1"]
    command += ["--no-access-log", "--log-level", "warning"] + (["--factory"] if factory else [])
    process = subprocess.Popen(command, env=dict(env or app_env("sqlite:///:memory:")), cwd=ROOT)  # noqa: S603
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120  # a loaded shared machine starts the app slowly
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"{app} did not start") from None
                time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# ---------------------------------------------------------------------------------------------- load


def measure_query(url: str, bare: Mapping[str, Any], *, seconds: float, connections: int) -> tuple[Any, dict[str, Any]]:
    """The first (uncached) answer of `url`, then load on it: (that answer, stats with first_ms and the
    ratios to the bare endpoint `bare` measured in the same run)."""
    import httpx

    began = time.perf_counter()
    answer = httpx.get(url, timeout=60)
    first_ms = (time.perf_counter() - began) * 1000
    answer.raise_for_status()
    stats = load(url, seconds=seconds, connections=connections)
    stats.update(
        first_ms=first_ms,
        rps_ratio_to_bare=stats["rps"] / bare["rps"],
        p50_ratio_to_bare=stats["p50_ms"] / max(bare["p50_ms"], 1e-6),
    )
    return answer, stats


def load(url: str, *, seconds: float = 5, connections: int = 16, warmup: float = 1) -> dict[str, Any]:
    """Bounded load on one URL: p50/p95/p99 latency in ms, requests per second, errors, bytes per response."""
    if warmup:
        _measure(url, seconds=warmup, connections=connections)
    return _measure(url, seconds=seconds, connections=connections)


def _measure(url: str, *, seconds: float, connections: int) -> dict[str, Any]:
    if shutil.which("wrk"):
        return _wrk(url, seconds, connections)
    return asyncio.run(_httpx_load(url, seconds, connections))


def _wrk(url: str, seconds: float, connections: int) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_WRK_REPORT)
    try:
        command = ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout", "5s", "-s"]
        result = subprocess.run(  # noqa: S603 (wrk from the system, our own loopback URL)
            [*command, script.name, url], capture_output=True, text=True, check=True, timeout=120
        )
    finally:
        os.unlink(script.name)
    line = next(line for line in result.stdout.splitlines() if line.startswith("BENCH "))
    raw = json.loads(line.removeprefix("BENCH "))
    requests = max(raw["requests"], 1)
    return {
        "p50_ms": raw["p50_us"] / 1000,
        "p95_ms": raw["p95_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
        "rps": raw["requests"] / (raw["duration_us"] / 1e6),
        "requests": raw["requests"],
        "errors": raw["errors"],
        "bytes_per_response": raw["bytes"] / requests,  # including headers
        "tool": "wrk",
    }


async def _httpx_load(url: str, seconds: float, connections: int) -> dict[str, Any]:
    import httpx

    latencies: list[float] = []
    errors = 0
    size = 0
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(limits=limits, timeout=5) as client:

        async def worker() -> None:
            nonlocal errors, size
            while time.monotonic() < deadline:
                start = time.perf_counter()
                try:
                    response = await client.get(url)
                    size = len(response.content)
                    if response.status_code >= 400:
                        errors += 1
                except httpx.HTTPError:
                    errors += 1
                latencies.append(time.perf_counter() - start)

        began = time.monotonic()
        await asyncio.gather(*(worker() for _ in range(connections)))
        elapsed = time.monotonic() - began
    latencies.sort()

    def percentile(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(len(latencies) * p / 100))] * 1000 if latencies else 0.0

    return {
        "p50_ms": percentile(50),
        "p95_ms": percentile(95),
        "p99_ms": percentile(99),
        "rps": len(latencies) / elapsed,
        "requests": len(latencies),
        "errors": errors,
        "bytes_per_response": size,  # body only
        "tool": "httpx",
    }


# ---------------------------------------------------------------------------------------------- output


def table(title: str, columns: list[str], rows: list[list[Any]]) -> str:
    """A plain-text table (what every benchmark prints)."""

    def cell(value: Any) -> str:
        if isinstance(value, float):
            return f"{value:,.2f}" if value < 100 else f"{value:,.0f}"
        return str(value)

    cells = [[cell(v) for v in row] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) if cells else len(c) for i, c in enumerate(columns)]
    lines = [title, "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    for row in cells:
        padded = (v.rjust(w) if i else v.ljust(w) for i, (v, w) in enumerate(zip(row, widths, strict=True)))
        lines.append("  ".join(padded))
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------- issue 15's table


# The rows of the performance table (issue 15): id -> (what, goal). Each benchmark that measures one returns it in
# `results["rows"]` (made with `row(...)`); the runner collects the rows of every var/bench/*.json and prints them
# in this order, "not measured in this run" where no file holds the row.
def seq_scans(plans: Mapping[str, str], tables: tuple[str, ...] = ("defect_report",)) -> dict[str, list[str]]:
    """Which of `plans` (name → EXPLAIN text) read one of `tables` whole (`Seq Scan on T`); printed loudly.

    At the sizes these benchmarks run, a query that should use an index and does not is a finding, not noise:
    each benchmark marks its rows as not at goal when this is not empty."""
    found = {}
    for name, plan in plans.items():
        whole = sorted({t for t in tables if re.search(rf"Seq Scan on {t}\b", plan)})
        if whole:
            found[name] = whole
            print(f"!!! PLAN OF {name!r} READS {', '.join(whole)} WHOLE (Seq Scan): its index is not used", flush=True)
    return found


TABLE_ROWS: dict[str, tuple[str, str]] = {
    "municipality_pg": ("GET /municipalities/taunusstein, 1 worker, PostgreSQL (req/s)", "≥ 0.25× bare"),
    "health": ("GET /api/health (req/s)", "≥ 0.4× bare"),
    "demo_municipality": ("`just run` demo (SQLite): municipality (req/s)", "≥ 0.1× bare"),
    "demo_consultation": ("`just run` demo (SQLite): consultation (req/s)", "≥ 0.1× bare"),
    "demo_proposals": ("`just run` demo (SQLite): proposals (req/s)", "≥ 0.1× bare"),
    "demo_report_map": ("`just run` demo (SQLite): report map (req/s)", "≥ 0.1× bare"),
    "votes": ("accepted votes/s, 2 workers + Redis, 256 concurrent", "≥ 2,000/s, 0 × 500, 0 lost"),
    "consultation_pages": ("consultation page calls, 1,000 proposals / 20,000 comments, worst p95 (ms)", "≤ 100 ms"),
    "city_clusters": ("city clusters at zoom 12, 1,000,000 reports, uncached, p95 (ms)", "≤ 30 ms"),
    "council_pdf": ("council PDF, 1,000 proposals / 20,000 comments (s)", "≤ 20 s, ≤ 400 MB, PDF/UA"),
    "app_start": ("app start, `import backend.app` (s)", "≤ 1 s"),
    # Issue 13 §4 asks for ratios to the bare endpoint and plans on their indexes; the 10× is this benchmark's.
    "alerts_circle_feed": ("area-alert feed, 2 km circle, 1,000,000 reports, p95 (ms)", "≤ 10× bare p95, indexes"),
    "alerts_matching": ("new report vs 10,000 area alerts, p95 (ms)", "≤ 10× one Piccolo query, indexes"),
    "staff_queue": ("staff queue, 1,000,000 reports, worst p95 (ms)", "≤ 10× bare p95, indexes"),
    "address_search": ("address search, 50,000 addresses, worst p95 (ms)", "≤ 10× bare p95, indexes"),
}


def row(
    row_id: str,
    value: float,
    *,
    yardstick: float | None,
    yardstick_what: str,
    ratio: float | None = None,
    met: bool,
    unit: str = "",
    note: str = "",
) -> dict[str, Any]:
    """One row of issue 15's table in the shared format (bench/README.md): put a list of them in results["rows"].

    `ratio` defaults to value ÷ yardstick; `met` says whether the row is at its goal (TABLE_ROWS)."""
    if row_id not in TABLE_ROWS:
        raise ValueError(f"unknown row {row_id!r}: add it to bench._common.TABLE_ROWS")
    if ratio is None and yardstick:
        ratio = value / yardstick
    return {
        "id": row_id,
        "what": TABLE_ROWS[row_id][0],
        "goal": TABLE_ROWS[row_id][1],
        "value": value,
        "unit": unit,
        "yardstick": yardstick,
        "yardstick_what": yardstick_what,
        "ratio": ratio,
        "met": met,
        "note": note,
    }


def p95_row(
    row_id: str, measured: dict[str, Any], bare: dict[str, Any], whole: list[str], *, worst: str = ""
) -> dict[str, Any]:
    """A row for a query through the app: at goal when its p95 is within 10× the bare endpoint's p95 of the same run
    and no plan read a whole table (`whole`, from `seq_scans`)."""
    plans = "Seq Scan in " + ", ".join(whole) if whole else "plans on indexes"
    return row(
        row_id,
        measured["p95_ms"],
        yardstick=bare["p95_ms"],
        yardstick_what="bare Litestar p95",
        unit="ms",
        met=measured["p95_ms"] <= 10 * bare["p95_ms"] and not whole,
        note=f"worst: {worst}; {plans}" if worst else plans,
    )


def machine_load() -> dict[str, Any]:
    """The load averages (1, 5, 15 min) and cores: the machine is shared, so every figure carries them."""
    one, five, fifteen = os.getloadavg()
    return {"load_1m": round(one, 2), "load_5m": round(five, 2), "load_15m": round(fifteen, 2), "cores": os.cpu_count()}


def summary(folder: Path) -> tuple[str, list[dict[str, Any]]]:
    """Issue 15's table from every var/bench/*.json holding `rows` (newest file wins for a row)."""
    found: dict[str, tuple[float, dict[str, Any], dict[str, Any]]] = {}
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text())
        except (OSError, ValueError):
            continue
        for item in data.get("rows", []) if isinstance(data, dict) else []:
            stamp = path.stat().st_mtime
            if item.get("id") in TABLE_ROWS and (item["id"] not in found or found[item["id"]][0] < stamp):
                found[item["id"]] = (stamp, item, {"file": path.name, **data.get("machine_load", {})})
    rows, out = [], []
    for row_id, (what, goal) in TABLE_ROWS.items():
        if row_id not in found:
            rows.append([what, "not measured in this run", "", "", goal, "", ""])
            continue
        _, item, where = found[row_id]
        ratio = f"{item['ratio']:.2f}×" if isinstance(item.get("ratio"), (int, float)) else ""
        yardstick = "" if item.get("yardstick") is None else f"{_num(item['yardstick'])} ({item['yardstick_what']})"
        load = f"{where['file']}, load {where.get('load_1m', '?')}/{where.get('cores', '?')} cores"
        rows.append(
            [
                what,
                f"{_num(item['value'])} {item.get('unit', '')}".strip(),
                yardstick,
                ratio,
                goal,
                "yes" if item["met"] else "NO",
                load,
            ]
        )
        out.append({**item, "source": where})
    text = table(
        "Issue 15: performance at scale (value, yardstick measured in the same run, ratio)",
        ["what", "value", "yardstick (same run)", "ratio", "goal", "at goal", "from (machine load)"],
        rows,
    )
    return text, out


def _num(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}" if abs(value) < 100 else f"{value:,.0f}"
    return str(value)
