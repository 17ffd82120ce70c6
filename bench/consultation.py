"""Consultation benchmark: 1,000 proposals and 20,000 comments on PostgreSQL.

Measures p50/p95 of the API calls the consultation page and a proposal page make (real app, uvicorn, one
worker, loopback HTTP), then fires concurrent votes through HTTP from many logged-in residents at once and
proves from the database that no resident exceeded the vote limit and no vote was lost or counted twice.

Run: `just bench consultation` (or `python -m bench.consultation`). Options: --proposals, --comments,
--seconds (per endpoint), --connections, --voters, --vote-limit. Uses its own database stadtstimme_bench_*,
dropped afterwards. Bench contract: `run(args) -> dict` (see bench/README.md).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench._common import app_env, bench_database, load, serve, table
from contributions.actor import actor_in
from geo import clock

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PASSWORD = "bench-password-2026"  # noqa: S105 (accounts of a throwaway database)
SLUG = "taunusstein"


# --------------------------------------------------------------------------------------------- seeding


async def seed(proposals: int, comments: int, voters: int, vote_limit: int) -> dict[str, Any]:
    """Runs in a subprocess with DATABASE_URL set: bulk-inserts realistic rows and returns their ids."""
    from datetime import timedelta

    from shapely import Point

    from backend.accounts.services import create_account
    from backend.demo import TAUNUSSTEIN_AGS, TAUNUSSTEIN_DISTRICTS
    from geo import services as geo
    from geo.roles import Role
    from proposals import services
    from proposals.schemas import ConsultationCreate, PhaseIn
    from proposals.tables import Comment, Proposal, ProposalVote, VoteBudget

    rng = random.Random(2026)
    municipality = await geo.create_from_ags(TAUNUSSTEIN_AGS, district_names=TAUNUSSTEIN_DISTRICTS)
    municipality = await geo.get_municipality(municipality.slug)
    territory = await geo.territory_of(municipality)
    admin = await create_account("admin@bench.example", PASSWORD, "Admin", verified=True, hashing="fast-insecure")
    await geo.grant_role(admin, municipality.id, Role.ADMIN)
    people = []
    for i in range(max(voters, 50)):
        uid = await create_account(f"r{i}@bench.example", PASSWORD, f"R{i}", verified=True, hashing="fast-insecure")
        await geo.grant_role(uid, municipality.id, Role.RESIDENT)
        people.append(uid)
    now = clock.now()
    consultation = await services.create_consultation(
        municipality,
        await actor_in(admin, municipality.id),
        ConsultationCreate(
            title="Bürgerhaushalt 2027",
            status="published",
            vote_limit=vote_limit,
            support_threshold=50,
            phases=[
                PhaseIn(
                    name_de="Mitmachen",
                    starts_at=now - timedelta(days=5),
                    ends_at=now + timedelta(days=5),
                    may_propose=True,
                    may_comment=True,
                    may_vote=True,
                )
            ],
        ),
    )
    west, south, east, north = territory.boundary.bounds
    rows = []
    while len(rows) < proposals:
        lon, lat = rng.uniform(west, east), rng.uniform(south, north)
        if not territory.boundary.covers(Point(lon, lat)):
            continue
        pinned = rng.random() < 0.8
        rows.append(
            Proposal(
                consultation=consultation.id,
                author=rng.choice(people),
                title=f"Vorschlag {len(rows)}: {rng.choice(['Bänke', 'Bäume', 'Radweg', 'Spielplatz', 'Licht'])}",
                body="Beschreibung " * rng.randint(5, 60),
                category=rng.choice(services.consultations.DEFAULT_CATEGORIES),
                lat=lat if pinned else None,
                lon=lon if pinned else None,
                visibility="public",
            )
        )
    for start in range(0, len(rows), 500):
        await Proposal.insert(*rows[start : start + 500])
    ids = [r["id"] for r in await Proposal.select(Proposal.id).order_by(Proposal.id)]
    # Comments: two in five are replies; a few proposals are hot (Zipf-like), most get a handful.
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(ids))]
    made = 0
    while made < comments:
        batch = []
        for _ in range(min(1000, comments - made)):
            batch.append(
                Comment(
                    proposal=rng.choices(ids, weights)[0],
                    author=rng.choice(people),
                    depth=1,
                    stance=rng.choice(["pro", "neutral", "contra"]),
                    text="Ein Kommentar " * rng.randint(3, 30),
                    visibility="public",
                    up_count=rng.randint(0, 9),
                    down_count=rng.randint(0, 3),
                )
            )
        await Comment.insert(*batch)
        made += len(batch)
    # Thread a share of them: a reply points to an earlier comment of the same proposal.
    await Comment.raw(
        "UPDATE comment c SET parent = p.id, depth = 2 FROM comment p "
        "WHERE p.proposal = c.proposal AND p.id = (SELECT max(id) FROM comment q WHERE q.proposal = c.proposal "
        "AND q.id < c.id) AND c.id % 5 < 2"
    )
    await Comment.raw("UPDATE comment p SET reply_count = (SELECT count(*) FROM comment c WHERE c.parent = p.id)")
    await Proposal.raw("UPDATE proposal p SET comment_count = (SELECT count(*) FROM comment c WHERE c.proposal = p.id)")
    # Earlier votes from people who are not in the concurrent test.
    votes, budgets = [], []
    for uid in people[voters:]:
        chosen = rng.sample(ids, vote_limit)
        votes += [ProposalVote(proposal=pid, consultation=consultation.id, user=uid) for pid in chosen]
        budgets.append(VoteBudget(consultation=consultation.id, user=uid, used=vote_limit))
    if votes:
        await ProposalVote.insert(*votes)
        await VoteBudget.insert(*budgets)
    await Proposal.raw(
        "UPDATE proposal p SET support_count = (SELECT count(*) FROM proposal_vote v WHERE v.proposal = p.id)"
    )
    hot = (await Proposal.select(Proposal.id).order_by(Proposal.comment_count, ascending=False).first())["id"]
    return {"consultation": consultation.id, "proposals": ids, "hot": hot, "voters": people[:voters]}


def run_seed(url: str, options: argparse.Namespace) -> dict[str, Any]:
    """Migrate, then seed in a subprocess (the app's settings come from its environment) and read back the ids."""
    env = app_env(url)
    subprocess.run([PYTHON, "-m", "backend.cli", "migrate"], env=env, cwd=ROOT, check=True, capture_output=True)  # noqa: S603
    code = (
        "import asyncio, json, bench.consultation as b; "
        f"print('SEED ' + json.dumps(asyncio.run(b.seed({options.proposals}, {options.comments}, "
        f"{options.voters}, {options.vote_limit}))))"
    )
    out = subprocess.run([PYTHON, "-c", code], env=env, cwd=ROOT, check=True, capture_output=True, text=True)  # noqa: S603
    line = next(line for line in out.stdout.splitlines() if line.startswith("SEED "))
    return json.loads(line.removeprefix("SEED "))


# --------------------------------------------------------------------------------------------- concurrent votes


async def concurrent_votes(
    base: str, seeded: dict[str, Any], vote_limit: int, per_voter: int, in_flight: int
) -> dict[str, Any]:
    """Every voter logs in, then all fire `per_voter` votes (each proposal twice) at the same moment."""
    import httpx

    rng = random.Random(7)
    clients = []
    for index, _ in enumerate(seeded["voters"]):
        # No keep-alive: logging in 40 people takes longer than uvicorn keeps an idle connection open.
        client = httpx.AsyncClient(base_url=base, timeout=60, limits=httpx.Limits(max_keepalive_connections=0))
        await client.get("/api/health")
        response = await client.post(
            "/api/v1/auth/login",
            json={"email": f"r{index}@bench.example", "password": PASSWORD},
            headers={"x-csrftoken": client.cookies.get("csrftoken", "")},
        )
        response.raise_for_status()
        clients.append(client)
    targets = rng.sample(seeded["proposals"], per_voter)
    statuses: dict[int, int] = {}

    gate = asyncio.Semaphore(in_flight)

    async def vote(client: httpx.AsyncClient, pid: int) -> None:
        async with gate:
            response = await client.post(
                f"/api/v1/municipalities/{SLUG}/proposals/{pid}/vote",
                json={"value": 1},
                headers={"x-csrftoken": client.cookies.get("csrftoken", "")},
            )
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

    calls = [vote(client, pid) for client in clients for pid in targets for _ in range(2)]
    rng.shuffle(calls)
    started = time.perf_counter()
    await asyncio.gather(*calls)
    elapsed = time.perf_counter() - started
    for client in clients:
        await client.aclose()
    return {"requests": len(calls), "seconds": elapsed, "statuses": statuses, "targets": targets}


async def verify(url: str, seeded: dict[str, Any], vote_limit: int) -> dict[str, Any]:
    """From the database: votes per voter, budgets, and the proposals' counters against the vote rows."""
    import asyncpg

    connection = await asyncpg.connect(url)
    try:
        per_user = await connection.fetch(
            'SELECT "user", count(*) AS n FROM proposal_vote WHERE "user" = ANY($1::int[]) GROUP BY "user"',
            seeded["voters"],
        )
        budgets = await connection.fetch(
            'SELECT "user", used FROM vote_budget WHERE "user" = ANY($1::int[])', seeded["voters"]
        )
        duplicates = await connection.fetchval(
            'SELECT count(*) FROM (SELECT proposal, "user" FROM proposal_vote GROUP BY proposal, "user" '
            "HAVING count(*) > 1) d"
        )
        mismatched = await connection.fetchval(
            "SELECT count(*) FROM proposal p WHERE p.support_count <> "
            "(SELECT count(*) FROM proposal_vote v WHERE v.proposal = p.id)"
        )
    finally:
        await connection.close()
    counts = [r["n"] for r in per_user]
    used = {r["user"]: r["used"] for r in budgets}
    return {
        "voters_with_votes": len(counts),
        "max_votes_per_voter": max(counts, default=0),
        "votes_recorded": sum(counts),
        "voters_over_limit": sum(1 for n in counts if n > vote_limit),
        "budget_mismatches": sum(1 for r in per_user if used.get(r["user"]) != r["n"]),
        "duplicate_votes": duplicates,
        "counter_mismatches": mismatched,
    }


# --------------------------------------------------------------------------------------------- run


def run(args: list[str]) -> dict[str, Any]:
    parser = argparse.ArgumentParser(prog="python -m bench consultation")
    parser.add_argument("--proposals", type=int, default=1000)
    parser.add_argument("--comments", type=int, default=20_000)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--voters", type=int, default=40)
    parser.add_argument("--vote-limit", type=int, default=5)
    parser.add_argument("--per-voter", type=int, default=10, help="distinct proposals each voter tries")
    parser.add_argument("--in-flight", type=int, default=64, help="vote requests open at the same moment")
    parser.add_argument("--no-pool", action="store_true", help="switch the connection pool off (DATABASE_POOL_SIZE=0)")
    options = parser.parse_args(args)
    results: dict[str, Any] = {"data": vars(options)}
    with bench_database("postgres") as url:
        started = time.monotonic()
        seeded = run_seed(url, options)
        results["seed_seconds"] = round(time.monotonic() - started, 1)
        cid, hot, some = seeded["consultation"], seeded["hot"], seeded["proposals"][len(seeded["proposals"]) // 2]
        api = f"/api/v1/municipalities/{SLUG}"
        endpoints = {
            "consultation": f"{api}/consultations/{cid}",
            "proposals (most supported, 50)": f"{api}/consultations/{cid}/proposals?sort=most_supported&limit=50",
            "proposals (topic filter, newest, 50)": f"{api}/consultations/{cid}/proposals?sort=newest&category=Verkehr",
            "pins (all, for the map)": f"{api}/consultations/{cid}/pins",
            "proposal": f"{api}/proposals/{some}",
            "comments (typical proposal)": f"{api}/proposals/{some}/comments?sort=most_supported",
            "comments (hottest proposal)": f"{api}/proposals/{hot}/comments?sort=most_discussed",
        }
        pool = "0" if options.no_pool else "10"
        results["database_pool_size"] = pool
        with serve("backend.app:create_app", app_env(url, database_pool_size=pool), factory=True) as base:
            rows, numbers = [], {}
            for name, path in endpoints.items():
                m = load(base + path, seconds=options.seconds, connections=options.connections)
                numbers[name] = m
                rows.append([name, m["p50_ms"], m["p95_ms"], m["rps"], m["errors"], m["bytes_per_response"] / 1024])
            results["endpoints"] = numbers
            print(
                table(
                    f"Consultation page API on PostgreSQL ({options.proposals} proposals, "
                    f"{options.comments} comments, "
                    f"{options.connections} connections, {options.seconds:.0f} s each, "
                    f"{numbers['consultation']['tool']}, "
                    f"{'no pool' if options.no_pool else 'pooled'})",
                    ["endpoint", "p50 ms", "p95 ms", "req/s", "errors", "KB/resp"],
                    rows,
                )
            )
            voting = asyncio.run(
                concurrent_votes(base, seeded, options.vote_limit, options.per_voter, options.in_flight)
            )
        proof = asyncio.run(verify(url, seeded, options.vote_limit))
        accepted = voting["statuses"].get(200, 0)
        results["votes"] = {
            **{k: v for k, v in voting.items() if k != "targets"},
            **proof,
            "accepted": accepted,
            "votes_per_second": voting["requests"] / voting["seconds"],
        }
        print(
            table(
                f"Concurrent votes over HTTP: {options.voters} residents × {options.per_voter} proposals × 2 tries, "
                f"limit {options.vote_limit}, {options.in_flight} in flight",
                [
                    "requests",
                    "seconds",
                    "req/s",
                    "accepted (200)",
                    "refused (409)",
                    "other",
                    "votes in DB",
                    "max/voter",
                    "over limit",
                    "duplicates",
                    "counter≠rows",
                ],
                [
                    [
                        voting["requests"],
                        voting["seconds"],
                        voting["requests"] / voting["seconds"],
                        accepted,
                        voting["statuses"].get(409, 0),
                        sum(v for k, v in voting["statuses"].items() if k not in (200, 409)),
                        proof["votes_recorded"],
                        proof["max_votes_per_voter"],
                        proof["voters_over_limit"],
                        proof["duplicate_votes"],
                        proof["counter_mismatches"],
                    ]
                ],
            )
        )
        expected = options.voters * min(options.vote_limit, options.per_voter)
        results["votes"]["none_lost"] = accepted == proof["votes_recorded"] == expected
        print(
            f"Every accepted vote is in the database and none beyond the limit: {results['votes']['none_lost']} "
            f"(expected {expected})."
        )
    return results


if __name__ == "__main__":
    run(sys.argv[1:])
