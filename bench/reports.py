"""The council's results report of a large consultation (1,000 proposals, 20,000 comments, PostgreSQL):
wall time, pages, peak memory and pages per second, against a plain WeasyPrint rendering of a simple
document of similar size in the same run (the yardstick)."""

from __future__ import annotations

import argparse
import json
import subprocess
from typing import Any

from bench._common import PYTHON, ROOT, app_env, bench_database, table

OURS = """
import asyncio, json, resource, time, tempfile, pathlib
import backend
from backend.reports.consultation import render
from geo import services as geo
from geo.tables import Municipality
from proposals.results import consultation_results

async def main():
    municipality = await Municipality.objects().first()
    start = time.perf_counter()
    results = await consultation_results(municipality.id, {cid}, lang="de")
    target = pathlib.Path(tempfile.mkdtemp()) / "results.pdf"
    pages = await render(results, await geo.territory_of(municipality), target)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("RESULT " + json.dumps({{"pages": pages, "seconds": seconds, "peak_mb": peak, "bytes": target.stat().st_size}}))

asyncio.run(main())
"""

PLAIN = """
import json, resource, time, tempfile, pathlib
from weasyprint import HTML
sections = "".join(
    f"<h3>{{i}}. Vorschlag Nummer {{i}}</h3><p>{{'Beschreibung ' * 30}}</p>"
    f"<p>Dafür: {{'Ein Kommentar ' * 15}}</p><p>Dagegen: {{'Ein Kommentar ' * 15}}</p>"
    for i in range({proposals})
)
html = f"<html lang='de'><head><title>Yardstick</title><style>@page {{{{ size: A4; margin: 20mm }}}}</style></head><body>{{sections}}</body></html>"
start = time.perf_counter()
target = pathlib.Path(tempfile.mkdtemp()) / "plain.pdf"
document = HTML(string=html).render()
document.write_pdf(target)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print("RESULT " + json.dumps({{"pages": len(document.pages), "seconds": seconds, "peak_mb": peak, "bytes": target.stat().st_size}}))
"""


def _measure(code: str, env: dict[str, str]) -> dict[str, Any]:
    out = subprocess.run([PYTHON, "-c", code], env=env, cwd=ROOT, check=True, capture_output=True, text=True)  # noqa: S603
    line = next(line for line in out.stdout.splitlines() if line.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


def run(args: list[str]) -> dict[str, Any]:
    parser = argparse.ArgumentParser(prog="python -m bench reports")
    parser.add_argument("--proposals", type=int, default=1000)
    parser.add_argument("--comments", type=int, default=20000)
    options = parser.parse_args(args)
    from bench.consultation import run_seed

    with bench_database("postgres") as url:
        seeded = run_seed(
            url, argparse.Namespace(proposals=options.proposals, comments=options.comments, voters=0, vote_limit=5)
        )
        env = app_env(url)
        ours = _measure(OURS.format(cid=seeded["consultation"]), env)
        plain = _measure(PLAIN.format(proposals=options.proposals), env)
    rows = []
    for name, m in (("results report (PDF/UA, charts, map, TOC)", ours), ("plain WeasyPrint, similar text", plain)):
        rows.append(
            [
                name,
                m["pages"],
                f"{m['seconds']:.1f}",
                f"{m['pages'] / m['seconds']:.1f}",
                f"{m['peak_mb']:.0f}",
                f"{m['bytes'] / 1024:.0f}",
            ]
        )
    print(
        table(
            f"Results report: {options.proposals} proposals, {options.comments} comments (PostgreSQL)",
            ["document", "pages", "wall s", "pages/s", "peak MB", "KiB"],
            rows,
        )
    )
    ratio = (ours["pages"] / ours["seconds"]) / (plain["pages"] / plain["seconds"])
    print(f"pages per second, ours / plain: {ratio:.2f}")
    return {"ours": ours, "plain": plain, "pages_per_second_ratio": ratio, "data": vars(options)}
