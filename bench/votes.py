"""Votes at event load: many logged-in residents voting at once over HTTP, 2 uvicorn workers, Redis sessions.

The real app (PostgreSQL, `REDIS_URL` set, `--workers` uvicorn workers) takes a shuffled plan of votes: every
resident tries `--tries` distinct proposals (more than the vote limit) and one of them twice, all from `wrk`
with `--connections` open at once. The bare Litestar endpoint (bench/_bare_app.py, same workers, same wrk) is
the yardstick of the same run. Afterwards the database must prove: every 200 answer is a vote row (none lost),
nobody holds more than the limit, no (proposal, person) pair twice, budgets and proposal counters equal to the
rows. `--before PATH` first runs the same plan against another checkout (e.g. /work/main) on the same data, so
a before/after pair is measured in one run. Per vote it also reports the app workers' CPU ms and the PostgreSQL
transactions (each autocommit statement is one; a round trip at least).

Run: `just bench votes` (options after `--`: --residents, --proposals, --vote-limit, --tries, --connections,
--workers, --before, --max-seconds). Own database stadtstimme_bench_* and Redis namespace, both removed after.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
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

from bench._common import app_env, bench_database, free_port, load, row, table

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PASSWORD = "bench-password-2026"  # noqa: S105 (accounts of a throwaway database)
SLUG = "taunusstein"
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")

# The plan is data in the script; the counters are read back from the thread in done(). The run stops itself
# once every vote has its answer (then nothing is in flight that could be a vote without a counted answer).
WRK_SCRIPT = """
local ffi = require("ffi")
ffi.cdef[[ typedef struct { long tv_sec; long tv_nsec; } bench_timespec; int clock_gettime(int, bench_timespec *); ]]
local clock = ffi.new("bench_timespec")
local function now_us()
  ffi.C.clock_gettime(1, clock)  -- CLOCK_MONOTONIC
  return tonumber(clock.tv_sec) * 1000000 + math.floor(tonumber(clock.tv_nsec) / 1000)
end
local votes, answered, sent, verified = #plan, 0, 0, false
c200, c409, c500, c503, cother, first_us, last_us = 0, 0, 0, 0, 0, 0, 0
local path = "/api/v1/municipalities/taunusstein/proposals/"
local body = '{"value":1}'
function request()
  -- wrk calls request() once at start to check the script, and never sends that request: without this, the
  -- plan's first vote was lost (19,499 of 19,500 answered, and the run waited for the cap).
  if not verified then verified = true; return wrk.format("GET", "/api/health") end
  sent = sent + 1
  if sent == 1 then first_us = now_us() end
  if sent > votes then return wrk.format("GET", "/api/health") end
  local step = plan[sent]
  local who = people[step[1]]
  return wrk.format("POST", path .. step[2] .. "/vote",
    {["Cookie"] = who[1], ["x-csrftoken"] = who[2], ["Content-Type"] = "application/json"}, body)
end
-- Once the plan is sent, the connections ask /api/health until the last vote has its answer; those answers
-- are told apart by their body ("database"), so every other answer is a vote's, whatever its status.
function response(status, headers, text)
  if status == 200 and string.find(text, '"database"', 1, true) then return end
  if status == 200 and string.find(text, "my_vote", 1, true) then c200 = c200 + 1
  elseif status == 409 then c409 = c409 + 1
  elseif status == 503 then c503 = c503 + 1 elseif status >= 500 then c500 = c500 + 1
  else cother = cother + 1 end
  answered = answered + 1
  last_us = now_us()
  if answered >= votes then wrk.thread:stop() end
end
local threads = {}
function setup(thread) table.insert(threads, thread) end
function done(summary, latency, requests)
  local t = threads[1]
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    'BENCH {"c200": %d, "c409": %d, "c500": %d, "c503": %d, "other": %d, "duration_us": %d, ' ..
    '"vote_phase_us": %d, "requests": %d, ' ..
    '"socket_errors": %d, "timeouts": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d}\\n',
    t:get("c200"), t:get("c409"), t:get("c500"), t:get("c503"), t:get("cother"), summary.duration,
    t:get("last_us") - t:get("first_us"), summary.requests,
    errors, summary.errors.timeout, latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


# --------------------------------------------------------------------------------------------- servers


@contextmanager
def serve_workers(
    app: str, env: Mapping[str, str], *, workers: int, root: Path = ROOT, factory: bool = True
) -> Iterator[tuple[str, int]]:
    """uvicorn with `workers` processes on a free loopback port, from the checkout `root`; yields (url, pid)."""
    port = free_port()
    command = [PYTHON, "-m", "uvicorn", app, "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    command += ["--no-access-log", "--log-level", "warning"] + (["--factory"] if factory else [])
    process = subprocess.Popen(command, env={**env, "PYTHONPATH": str(root)}, cwd=root)  # noqa: S603
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"{app} did not start") from None
                time.sleep(0.1)
        # Every worker must be up before the load starts (the first one may accept while the others import).
        deadline = time.monotonic() + 60
        while len(_children(process.pid)) < workers and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(2)
        yield f"http://127.0.0.1:{port}", process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU of these processes (and their threads) so far."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / tick


# --------------------------------------------------------------------------------------------- residents


async def log_in(base: str, residents: int, parallel: int = 24) -> list[tuple[str, str]]:
    """Each resident logs in over HTTP; returns their (Cookie header, CSRF token) for the load generator."""
    import httpx

    gate = asyncio.Semaphore(parallel)

    async def one(index: int) -> tuple[str, str]:
        async with gate, httpx.AsyncClient(base_url=base, timeout=60) as client:
            await client.get("/api/health")
            response = await client.post(
                "/api/v1/auth/login",
                json={"email": f"r{index}@bench.example", "password": PASSWORD},
                headers={"x-csrftoken": client.cookies.get("csrftoken", "")},
            )
            response.raise_for_status()
            cookie = "; ".join(f"{name}={value}" for name, value in client.cookies.items())
            return cookie, client.cookies.get("csrftoken", "")

    return list(await asyncio.gather(*(one(i) for i in range(residents))))


def plan(residents: int, proposals: list[int], tries: int, seed: int = 15) -> list[tuple[int, int]]:
    """(resident number from 1, proposal id): `tries` distinct proposals each, the first one tried twice."""
    rng = random.Random(seed)
    steps = []
    for person in range(1, residents + 1):
        chosen = rng.sample(proposals, tries)
        steps += [(person, pid) for pid in chosen] + [(person, chosen[0])]
    rng.shuffle(steps)
    return steps


def _lua_string(text: str) -> str:
    return json.dumps(text)  # JSON string escapes are valid Lua escapes for these ASCII cookies


def vote_run(
    base: str, people: list[tuple[str, str]], steps: list[tuple[int, int]], connections: int, max_seconds: int
) -> dict[str, Any]:
    data = "people = {" + ",".join(f"{{{_lua_string(c)},{_lua_string(t)}}}" for c, t in people) + "}\n"
    data += "plan = {" + ",".join(f"{{{p},{pid}}}" for p, pid in steps) + "}\n"
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(data + WRK_SCRIPT)
    try:
        command = ["wrk", "-t1", f"-c{connections}", f"-d{max_seconds}s", "--timeout", "30s", "-s", script.name]
        result = subprocess.run(  # noqa: S603 (wrk from the system, our own loopback URL)
            [*command, base + "/api/health"], capture_output=True, text=True, check=True, timeout=max_seconds + 60
        )
    finally:
        os.unlink(script.name)
    line = next(line for line in result.stdout.splitlines() if line.startswith("BENCH "))
    raw = json.loads(line.removeprefix("BENCH "))
    # The rate is over the vote phase (first request to last vote answer), not wrk's whole run: a run that ends
    # at the cap would otherwise count the health requests' time after the last vote as voting time.
    seconds = (raw["vote_phase_us"] or raw["duration_us"]) / 1e6
    answered = raw["c200"] + raw["c409"] + raw["c500"] + raw["c503"] + raw["other"]
    return {
        **raw,
        "seconds": seconds,
        "answered": answered,
        "finished": answered >= len(steps),
        "accepted_per_second": raw["c200"] / seconds,
        "answers_per_second": answered / seconds,
        "p50_ms": raw["p50_us"] / 1000,
        "p95_ms": raw["p95_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
    }


# --------------------------------------------------------------------------------------------- database


async def _transactions(url: str) -> int:
    import asyncpg

    connection = await asyncpg.connect(url)
    try:
        await asyncio.sleep(1.2)  # backends report their counts at most once a second
        await connection.execute("SELECT pg_stat_clear_snapshot()")
        value = await connection.fetchval(
            "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()"
        )
        return int(value)
    finally:
        await connection.close()


async def reset_votes(url: str) -> None:
    import asyncpg

    connection = await asyncpg.connect(url)
    try:
        await connection.execute(
            "TRUNCATE proposal_vote, vote_budget; UPDATE proposal SET support_count = 0, against_count = 0"
        )
    finally:
        await connection.close()


async def verify(url: str, voters: list[int], vote_limit: int) -> dict[str, Any]:
    """From the database: votes per voter against the limit and the budgets, duplicates, counters against rows."""
    import asyncpg

    connection = await asyncpg.connect(url)
    try:
        per_user = {
            r["user"]: r["n"]
            for r in await connection.fetch(
                'SELECT "user", count(*) AS n FROM proposal_vote WHERE "user" = ANY($1::int[]) GROUP BY "user"', voters
            )
        }
        used = {r["user"]: r["used"] for r in await connection.fetch('SELECT "user", used FROM vote_budget')}
        duplicates = await connection.fetchval(
            'SELECT count(*) FROM (SELECT proposal, "user" FROM proposal_vote GROUP BY proposal, "user" '
            "HAVING count(*) > 1) d"
        )
        mismatched = await connection.fetchval(
            "SELECT count(*) FROM proposal p WHERE p.support_count <> "
            "(SELECT count(*) FROM proposal_vote v WHERE v.proposal = p.id AND v.value = 1) OR p.against_count <> "
            "(SELECT count(*) FROM proposal_vote v WHERE v.proposal = p.id AND v.value = -1)"
        )
    finally:
        await connection.close()
    return {
        "rows": sum(per_user.values()),
        "max_per_voter": max(per_user.values(), default=0),
        "over_limit": sum(1 for n in per_user.values() if n > vote_limit),
        "budget_mismatches": sum(1 for uid, n in per_user.items() if used.get(uid) != n)
        + sum(1 for uid, n in used.items() if n != per_user.get(uid, 0)),
        "duplicates": int(duplicates),
        "counter_mismatches": int(mismatched),
    }


def _clear_redis(namespace: str) -> None:
    from redis import Redis

    client = Redis.from_url(REDIS_URL)
    try:
        keys = list(client.scan_iter(match=f"{namespace}*", count=1000))
        for start in range(0, len(keys), 500):
            client.delete(*keys[start : start + 500])
    finally:
        client.close()


def _uptime() -> str:
    return Path("/proc/loadavg").read_text().split(" ", 3)[:3].__str__()


# --------------------------------------------------------------------------------------------- run


def _one_run(
    label: str,
    root: Path,
    env: dict[str, str],
    url: str,
    people: list[tuple[str, str]] | None,
    seeded: dict[str, Any],
    options: argparse.Namespace,
    steps: list[tuple[int, int]],
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    asyncio.run(reset_votes(url))
    with serve_workers("backend.app:create_app", env, workers=options.workers, root=root) as (base, master):
        if people is None:
            started = time.monotonic()
            people = asyncio.run(log_in(base, options.residents))
            print(
                f"{options.residents} residents logged in over HTTP in {time.monotonic() - started:.1f} s", flush=True
            )
        workers = _children(master)
        before_tx = asyncio.run(_transactions(url))
        cpu_before = _cpu_seconds(workers)
        load_before = Path("/proc/loadavg").read_text().split()[:3]
        measured = vote_run(base, people, steps, options.connections, options.max_seconds)
        cpu = _cpu_seconds(workers) - cpu_before
        load_after = Path("/proc/loadavg").read_text().split()[:3]
    transactions = asyncio.run(_transactions(url)) - before_tx
    proof = asyncio.run(verify(url, seeded["voters"], options.vote_limit))
    requests = max(measured["requests"], 1)
    result = {
        "label": label,
        "root": str(root),
        **measured,
        **proof,
        "none_lost": proof["rows"] >= measured["c200"]
        and (proof["rows"] == measured["c200"] or not measured["finished"]),
        "app_cpu_ms_per_request": cpu * 1000 / requests,
        "pg_transactions_per_request": transactions / requests,
        "load_before": load_before,
        "load_after": load_after,
    }
    return result, people


def run(args: list[str]) -> dict[str, Any]:
    parser = argparse.ArgumentParser(prog="python -m bench votes")
    parser.add_argument("--residents", type=int, default=1500)
    parser.add_argument("--proposals", type=int, default=200)
    parser.add_argument("--vote-limit", type=int, default=10)
    parser.add_argument("--tries", type=int, default=12, help="distinct proposals each resident tries (+1 twice)")
    parser.add_argument("--connections", type=int, default=256)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--before", type=Path, default=None, help="another checkout to measure first (e.g. /work/main)")
    parser.add_argument("--max-seconds", type=int, default=60, help="a run stops after this even if votes are left")
    parser.add_argument("--yardstick-seconds", type=float, default=5)
    options = parser.parse_args(args)
    if not shutil.which("wrk"):
        raise SystemExit("bench votes needs wrk (apt-get install wrk)")
    from bench.consultation import run_seed

    results: dict[str, Any] = {"data": {k: str(v) for k, v in vars(options).items()}, "runs": []}
    namespace = f"stadtstimme-bench-{uuid.uuid4().hex[:8]}"
    with bench_database("postgres") as url:
        started = time.monotonic()
        seed_options = argparse.Namespace(
            proposals=options.proposals, comments=0, voters=options.residents, vote_limit=options.vote_limit
        )
        seeded = run_seed(url, seed_options)
        results["seed_seconds"] = round(time.monotonic() - started, 1)
        env = app_env(url, redis_url=REDIS_URL, redis_namespace=namespace, redis_max_connections="50")
        steps = plan(options.residents, seeded["proposals"], options.tries)
        try:
            with serve_workers("bench._bare_app:app", env, workers=options.workers, factory=False) as (bare_url, _):
                bare = load(bare_url + "/bare", seconds=options.yardstick_seconds, connections=options.connections)
            results["yardstick"] = bare
            people = None
            roots = ([("before", options.before.resolve())] if options.before else []) + [("this checkout", ROOT)]
            for label, root in roots:
                result, people = _one_run(label, root, env, url, people, seeded, options, steps)
                results["runs"].append(result)
        finally:
            _clear_redis(namespace)
    rows = [
        [
            r["label"],
            r["accepted_per_second"],
            bare["rps"],
            r["accepted_per_second"] / bare["rps"],
            r["c200"],
            r["c409"],
            r["c500"],
            r["c503"],
            r["other"] + r["socket_errors"],
            r["rows"],
            r["over_limit"],
            r["counter_mismatches"] + r["budget_mismatches"] + r["duplicates"],
            r["p95_ms"],
            r["app_cpu_ms_per_request"],
            r["pg_transactions_per_request"],
            "/".join(r["load_before"]),
        ]
        for r in results["runs"]
    ]
    print(
        table(
            f"Votes over HTTP: {options.residents} residents × {options.tries} proposals (+1 twice), limit "
            f"{options.vote_limit}, {options.proposals} proposals, {options.workers} workers + Redis, "
            f"{options.connections} connections (wrk); yardstick: bare Litestar GET, same workers",
            [
                "run",
                "accepted/s",
                "bare req/s",
                "ratio",
                "200",
                "409",
                "500",
                "503",
                "other",
                "rows",
                "over limit",
                "mismatch",
                "p95 ms",
                "app CPU ms/req",
                "PG tx/req",
                "load 1/5/15",
            ],
            rows,
        )
    )
    for r in results["runs"]:
        print(
            f"{r['label']}: every acknowledged vote is a row: {r['none_lost']} "
            f"({r['c200']} answers 200, {r['rows']} rows; "
            f"{'all' if r['finished'] else 'not all'} votes of the plan answered in {r['seconds']:.1f} s)"
        )
    results["goal"] = {"accepted_per_second": 2000, "http_500": 0}
    mine = results["runs"][-1]
    at_goal = (
        mine["accepted_per_second"] >= 2000
        and mine["c500"] == 0
        and mine["none_lost"]
        and mine["over_limit"] == 0
        and mine["counter_mismatches"] + mine["budget_mismatches"] + mine["duplicates"] == 0
    )
    results["rows"] = [
        row(
            "votes",
            mine["accepted_per_second"],
            yardstick=bare["rps"],
            yardstick_what="bare Litestar req/s, same workers",
            unit="/s",
            met=at_goal,
            note=(
                f"{mine['c500']} × 500, {mine['c503']} × 503, rows {mine['rows']} / acknowledged {mine['c200']}, "
                f"p95 {mine['p95_ms']:.0f} ms, {options.residents} residents, load {'/'.join(mine['load_before'])}"
            ),
        )
    ]
    return results


if __name__ == "__main__":
    run(sys.argv[1:])
