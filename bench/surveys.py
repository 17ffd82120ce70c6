"""Surveys on PostgreSQL: a 40-question survey, 10,000 responses.

Measured in one run, each beside a yardstick from the same run:
- answering over HTTP (2 uvicorn workers, invitation codes, every code sent twice at once: 0 lost, 0 double)
  against the bare Litestar endpoint under the same 2 workers;
- results and cross-tab p95 (published, so anonymous GETs) against the bare endpoint;
- CSV export time and peak memory against a plain csv.writer of the raw answer rows;
- council PDF time and pages against plain WeasyPrint on a document of similar length.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import io
import json
import os
import random
import resource
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from bench._common import PYTHON, ROOT, app_env, bench_database, free_port, load, prepare, table

SLUG = "taunusstein"
KINDS = ["single", "multiple", "scale", "matrix", "yes_no", "number", "single", "scale", "ranking", "short_text"]
AUDIENCES = ["residents", "businesses", "staff"]
DISTRICTS = ["Hahn", "Wehen", "Bleidenstadt", "Neuhof", "Orlen", "Seitzenhahn", "Watzhahn", "Wingsbach"]


def _t(text: str) -> dict[str, str]:
    return {"de": text, "en": text}


def definition() -> dict[str, Any]:
    sections = []
    for s in range(4):
        questions = []
        for i, kind in enumerate(KINDS):
            code = f"q{s * 10 + i + 1}"
            q: dict[str, Any] = {"code": code, "type": kind, "text": _t(f"Frage {code}: {kind}")}
            if kind in ("single", "multiple", "ranking"):
                q["choices"] = [{"code": f"c{n}", "label": _t(f"Antwort {n}")} for n in range(1, 6)]
            if kind == "multiple":
                q["allow_other"] = True
            if kind == "matrix":
                q["items"] = [{"code": f"i{n}", "label": _t(f"Punkt {n}")} for n in range(1, 5)]
            if kind == "number":
                q.update({"minimum": 0, "maximum": 120})
            questions.append(q)
        sections.append({"code": f"s{s + 1}", "title": _t(f"Abschnitt {s + 1}"), "questions": questions})
    return {
        "title": _t("Benchmark: Digitale Stadt"),
        "intro": _t("40 Fragen."),
        "sections": sections,
        "audiences": AUDIENCES,
        "access_modes": ["code"],
        "anonymous": True,
    }


def answers(rng: random.Random) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for s in range(4):
        for i, kind in enumerate(KINDS):
            code = f"q{s * 10 + i + 1}"
            if kind == "single":
                out[code] = f"c{rng.randint(1, 5)}"
            elif kind == "multiple":
                picked = rng.sample([f"c{n}" for n in range(1, 6)], rng.randint(1, 3))
                if rng.random() < 0.05:
                    picked.append("other")
                    out[f"{code}_other"] = "Etwas anderes"
                out[code] = picked
            elif kind == "scale":
                out[code] = rng.randint(1, 5)
            elif kind == "matrix":
                out[code] = {f"i{n}": rng.randint(1, 5) for n in range(1, 5)}
            elif kind == "yes_no":
                out[code] = rng.random() < 0.6
            elif kind == "number":
                out[code] = rng.randint(16, 90)
            elif kind == "ranking":
                order = [f"c{n}" for n in range(1, 6)]
                rng.shuffle(order)
                out[code] = order
            elif rng.random() < 0.2:
                out[code] = "Mehr WLAN im Rathaus"
    return out


async def seed() -> None:
    """Runs in a subprocess with DATABASE_URL set: town, survey (open, codes), codes to a file, bulk responses."""
    from backend.demo import TAUNUSSTEIN_AGS, TAUNUSSTEIN_DISTRICTS
    from geo.services import create_from_ags
    from surveys.keys import code_hash, new_code
    from surveys.tables import InvitationCode, Survey, SurveyResponse

    town = await create_from_ags(TAUNUSSTEIN_AGS, district_names=TAUNUSSTEIN_DISTRICTS)
    survey = Survey(municipality=town.id, title="Benchmark", definition=json.dumps(definition()), status="open")
    await survey.save()
    http_codes = int(os.environ["BENCH_HTTP_CODES"])
    codes = [new_code() for _ in range(http_codes)]
    rows = [
        InvitationCode(survey=survey.id, audience=AUDIENCES[n % 3], code_hash=code_hash(survey.id, c))
        for n, c in enumerate(codes)
    ]
    for start in range(0, len(rows), 1000):
        await InvitationCode.insert(*rows[start : start + 1000])
    rng = random.Random(14)
    stored = int(os.environ["BENCH_RESPONSES"]) - http_codes
    day = dt.date(2026, 5, 4)
    batch = [
        SurveyResponse(
            survey=survey.id,
            answers=json.dumps(answers(rng)),
            audience=rng.choice(AUDIENCES),
            channel=rng.choice(["online", "online", "online", "paper"]),
            district=rng.choice(DISTRICTS),
            day=day,
        )
        for _ in range(stored)
    ]
    for start in range(0, len(batch), 1000):
        await SurveyResponse.insert(*batch[start : start + 1000])
    await asyncio.to_thread(Path(os.environ["BENCH_OUT"]).write_text, json.dumps({"survey": survey.id, "codes": codes}))


def serve_two_workers(app: str, env: dict[str, str], factory: bool) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [PYTHON, "-m", "uvicorn", app, "--host", "127.0.0.1", "--port", str(port), "--workers", "2"]
    command += ["--no-access-log", "--log-level", "warning"] + (["--factory"] if factory else [])
    process = subprocess.Popen(command, env=env, cwd=ROOT)  # noqa: S603 (our own interpreter and app)
    deadline = time.monotonic() + 60
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{app} did not start") from None
            time.sleep(0.1)
    time.sleep(1.5)  # both workers up
    return process, f"http://127.0.0.1:{port}"


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


async def answer_all(base: str, survey: int, codes: list[str], in_flight: int) -> dict[str, Any]:
    """Every code answers twice at the same moment: one 2xx and one refusal per code is right."""
    import httpx

    rng = random.Random(3)
    gate = asyncio.Semaphore(in_flight)
    statuses: dict[int, int] = {}
    limits = httpx.Limits(max_connections=in_flight, max_keepalive_connections=in_flight)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        await client.get("/api/health")
        token = client.cookies.get("csrftoken", "")

        async def submit(code: str) -> None:
            async with gate:
                response = await client.post(
                    f"/api/v1/municipalities/{SLUG}/surveys/{survey}/responses",
                    json={"answers": answers(rng), "code": code},
                    headers={"x-csrftoken": token},
                )
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

        calls = [submit(code) for code in codes for _ in range(2)]
        rng.shuffle(calls)
        started = time.perf_counter()
        await asyncio.gather(*calls)
        seconds = time.perf_counter() - started
    ok = sum(n for status, n in statuses.items() if 200 <= status < 300)
    return {"seconds": seconds, "statuses": statuses, "accepted": ok, "per_second": ok / seconds}


def timed_gets(url: str, repeats: int) -> dict[str, Any]:
    """One cold request (counts every response), then `repeats` sequential ones: p95 of those, and the cold one.
    (wrk gives up after 5 s per request; a cold count on a loaded machine can take longer.)"""
    import httpx

    timings = []
    with httpx.Client(timeout=300) as client:
        for _ in range(repeats + 2):  # two workers: each counts once, cold
            start = time.perf_counter()
            response = client.get(url)
            response.raise_for_status()
            timings.append((time.perf_counter() - start) * 1000)
    warm = sorted(timings[2:])
    return {
        "cold_ms": max(timings[:2]),
        "p95_ms": warm[min(len(warm) - 1, int(len(warm) * 0.95))],
        "p50_ms": warm[len(warm) // 2],
        "requests": len(timings),
        "bytes": len(response.content),
    }


def csv_ours(survey: int) -> None:
    async def main() -> None:
        import backend  # noqa: F401
        from surveys.exports import csv_lines
        from surveys.plan import plan_of
        from surveys.results import survey_in
        from surveys.storage import load_responses

        start = time.perf_counter()
        row = await survey_in(1, survey)
        size = 0  # the lines are produced one by one, as the streamed download sends them
        for line in csv_lines(plan_of(row.definition), await load_responses(survey)):
            size += len(line)
        _result(time.perf_counter() - start, bytes=size)

    asyncio.run(main())


def csv_plain(survey: int) -> None:
    async def main() -> None:
        import csv

        import asyncpg

        start = time.perf_counter()
        connection = await asyncpg.connect(os.environ["DATABASE_URL"])
        rows = await connection.fetch("SELECT id, audience, answers FROM survey_response WHERE survey = $1", survey)
        await connection.close()
        size = 0
        for r in rows:
            values = json.loads(r["answers"])
            buffer = io.StringIO()
            csv.writer(buffer).writerow([r["id"], r["audience"], *(json.dumps(v) for v in values.values())])
            size += len(buffer.getvalue())
        _result(time.perf_counter() - start, bytes=size)

    asyncio.run(main())


def pdf_ours(survey: int) -> None:
    async def main() -> None:
        import backend  # noqa: F401
        from backend.documents.survey import render_report
        from surveys.results import results, survey_in

        start = time.perf_counter()
        row = await survey_in(1, survey)
        r = await results(row, "published")
        target = Path(tempfile.mkdtemp()) / "report.pdf"
        pages = await render_report(r, row.definition, target, municipality_name="Taunusstein")
        _result(time.perf_counter() - start, pages=pages)

    asyncio.run(main())


def pdf_plain(pages_hint: int) -> None:
    from weasyprint import HTML

    rows = "".join(f"<tr><td>Antwort {n}</td><td>{n * 37}</td><td>{n * 3},1 %</td></tr>" for n in range(1, 6))
    body = "".join(
        f"<h3>{i}. Frage</h3><p>Beschreibung der Frage.</p><table>{rows}</table>" for i in range(pages_hint * 3)
    )
    html = f"<html lang='de'><head><title>Yardstick</title></head><body>{body}</body></html>"
    start = time.perf_counter()
    document = HTML(string=html).render()
    document.write_pdf(Path(tempfile.mkdtemp()) / "plain.pdf")
    _result(time.perf_counter() - start, pages=len(document.pages))


def _result(seconds: float, **extra: Any) -> None:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("RESULT " + json.dumps({"seconds": seconds, "peak_mb": peak, **extra}))


def _measure(code: str, env: dict[str, str]) -> dict[str, Any]:
    out = subprocess.run([PYTHON, "-c", code], env=env, cwd=ROOT, check=True, capture_output=True, text=True)  # noqa: S603
    return json.loads(next(x for x in out.stdout.splitlines() if x.startswith("RESULT ")).removeprefix("RESULT "))


def run(args: list[str]) -> dict[str, Any]:
    parser = argparse.ArgumentParser(prog="python -m bench surveys")
    parser.add_argument("--responses", type=int, default=10_000)
    parser.add_argument("--http-codes", type=int, default=1_000, help="of the responses, how many come over HTTP")
    parser.add_argument("--in-flight", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--repeats", type=int, default=40, help="warm results requests after the cold ones")
    options = parser.parse_args(args)
    out_file = Path(tempfile.mkdtemp()) / "seed.json"
    load_before = os.getloadavg()
    with bench_database("postgres") as url:
        os.environ.update(
            BENCH_RESPONSES=str(options.responses), BENCH_HTTP_CODES=str(options.http_codes), BENCH_OUT=str(out_file)
        )
        started = time.perf_counter()
        prepare(url, "bench.surveys:seed")
        seed_seconds = time.perf_counter() - started
        seeded = json.loads(out_file.read_text())
        sid = seeded["survey"]
        env = app_env(url)

        bare, bare_url = serve_two_workers("bench._bare_app:app", env, factory=False)
        try:
            bare_load = load(f"{bare_url}/bare", seconds=options.seconds, connections=options.in_flight)
        finally:
            stop(bare)
        app, base = serve_two_workers("backend.app:create_app", env, factory=True)
        try:
            answering = asyncio.run(answer_all(base, sid, seeded["codes"], options.in_flight))
            import asyncpg

            async def publish_and_count() -> int:
                connection = await asyncpg.connect(url)
                await connection.execute("UPDATE survey SET status = 'results_published' WHERE id = $1", sid)
                count = await connection.fetchval("SELECT count(*) FROM survey_response WHERE survey = $1", sid)
                await connection.close()
                return int(count)

            stored = asyncio.run(publish_and_count())
            results_url = f"{base}/api/v1/municipalities/{SLUG}/surveys/{sid}/results"
            results_load = timed_gets(results_url, options.repeats)
            crosstab_load = timed_gets(f"{results_url}/crosstab?by=audience", options.repeats)
        finally:
            stop(app)
        csv_o = _measure(f"import bench.surveys as b; b.csv_ours({sid})", env)
        csv_p = _measure(f"import bench.surveys as b; b.csv_plain({sid})", env)
        pdf_o = _measure(f"import bench.surveys as b; b.pdf_ours({sid})", env)
        pdf_p = _measure(f"import bench.surveys as b; b.pdf_plain({pdf_o['pages']})", env)
    lost = options.http_codes - answering["accepted"]
    rows = [
        [
            "answering over HTTP (2 workers), responses/s",
            f"{answering['per_second']:.0f}",
            "bare endpoint req/s",
            f"{bare_load['rps']:.0f}",
            f"{answering['per_second'] / bare_load['rps']:.3f}",
        ],
        [
            "results p95 ms (warm, sequential)",
            results_load["p95_ms"],
            "bare p95 ms",
            bare_load["p95_ms"],
            f"{results_load['p95_ms'] / max(bare_load['p95_ms'], 0.001):.0f}×",
        ],
        [
            "cross-tab p95 ms",
            crosstab_load["p95_ms"],
            "bare p95 ms",
            bare_load["p95_ms"],
            f"{crosstab_load['p95_ms'] / max(bare_load['p95_ms'], 0.001):.0f}×",
        ],
        [
            "CSV export s",
            csv_o["seconds"],
            "plain csv.writer s",
            csv_p["seconds"],
            f"{csv_o['seconds'] / csv_p['seconds']:.1f}×",
        ],
        [
            "CSV export peak MB",
            csv_o["peak_mb"],
            "plain peak MB",
            csv_p["peak_mb"],
            f"{csv_o['peak_mb'] / csv_p['peak_mb']:.1f}×",
        ],
        [
            "council PDF s",
            pdf_o["seconds"],
            "plain WeasyPrint s",
            pdf_p["seconds"],
            f"{pdf_o['seconds'] / pdf_p['seconds']:.1f}×",
        ],
        ["council PDF pages", pdf_o["pages"], "plain pages", pdf_p["pages"], ""],
    ]
    print(
        table(
            f"Surveys: 40 questions, {stored} responses (PostgreSQL); load {load_before[0]:.1f} at start",
            ["measure", "ours", "yardstick", "value", "ratio"],
            rows,
        )
    )
    print(
        f"results cold: {results_load['cold_ms']:.0f} ms (every response read and counted, then reused until a "
        f"count changes); the bare p95 is under {options.in_flight} concurrent connections, ours sequential"
    )
    print(
        f"answering: {answering['statuses']} for {options.http_codes} codes sent twice each; lost {lost}, "
        f"double {max(0, answering['accepted'] - options.http_codes)}; seeding took {seed_seconds:.0f} s"
    )
    return {
        "data": {**vars(options), "stored": stored},
        "answering": answering,
        "lost": lost,
        "bare": bare_load,
        "results": results_load,
        "crosstab": crosstab_load,
        "csv": csv_o,
        "csv_plain": csv_p,
        "pdf": pdf_o,
        "pdf_plain": pdf_p,
        "load_avg": load_before,
    }
