"""The council's results document of a large consultation (1,000 proposals, 20,000 comments, PostgreSQL):
wall time, pages, peak memory and pages per second, against a plain WeasyPrint rendering of a simple
document of similar size in the same run (the yardstick)."""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from bench._common import PYTHON, ROOT, app_env, bench_database, table


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _print_result(pages: int, seconds: float, target: Path) -> None:
    result = {"pages": pages, "seconds": seconds, "peak_mb": _peak_mb(), "bytes": target.stat().st_size}
    print("RESULT " + json.dumps(result))


def render_ours(consultation_id: int) -> None:
    """In a fresh process (DATABASE_URL set): query the results and render the real document."""

    async def main() -> None:
        import backend  # noqa: F401  (sets PICCOLO_CONF)
        from backend.documents.consultation import render
        from geo import services as geo
        from geo.tables import Municipality
        from proposals.results import consultation_results

        municipality = await Municipality.objects().first()
        assert municipality is not None
        start = time.perf_counter()
        results = await consultation_results(municipality.id, consultation_id, lang="de")
        target = Path(tempfile.mkdtemp()) / "results.pdf"
        pages = await render(results, await geo.territory_of(municipality), target)
        _print_result(pages, time.perf_counter() - start, target)

    asyncio.run(main())


def render_plain(proposals: int) -> None:
    """In a fresh process: the yardstick, a plain document with about the same text and no extras."""
    from weasyprint import HTML

    words = "Beschreibung " * 30
    voices = "Ein Kommentar " * 15
    sections = "".join(
        f"<h3>{i}. Vorschlag Nummer {i}</h3><p>{words}</p><p>Dafür: {voices}</p><p>Dagegen: {voices}</p>"
        for i in range(proposals)
    )
    style = "<style>@page { size: A4; margin: 20mm }</style>"
    html = f"<html lang='de'><head><title>Yardstick</title>{style}</head><body>{sections}</body></html>"
    start = time.perf_counter()
    target = Path(tempfile.mkdtemp()) / "plain.pdf"
    document = HTML(string=html).render()
    document.write_pdf(target)
    _print_result(len(document.pages), time.perf_counter() - start, target)


def _measure(code: str, env: dict[str, str]) -> dict[str, Any]:
    out = subprocess.run([PYTHON, "-c", code], env=env, cwd=ROOT, check=True, capture_output=True, text=True)  # noqa: S603
    line = next(line for line in out.stdout.splitlines() if line.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


def run(args: list[str]) -> dict[str, Any]:
    parser = argparse.ArgumentParser(prog="python -m bench council_document")
    parser.add_argument("--proposals", type=int, default=1000)
    parser.add_argument("--comments", type=int, default=20000)
    options = parser.parse_args(args)
    from bench.consultation import run_seed

    with bench_database("postgres") as url:
        seeded = run_seed(
            url, argparse.Namespace(proposals=options.proposals, comments=options.comments, voters=0, vote_limit=5)
        )
        env = app_env(url)
        ours = _measure(f"import bench.council_document as b; b.render_ours({seeded['consultation']})", env)
        plain = _measure(f"import bench.council_document as b; b.render_plain({options.proposals})", env)
    rows = []
    for name, m in (("results document (PDF/UA, charts, map, TOC)", ours), ("plain WeasyPrint, similar text", plain)):
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
            f"Results document: {options.proposals} proposals, {options.comments} comments (PostgreSQL)",
            ["document", "pages", "wall s", "pages/s", "peak MB", "KiB"],
            rows,
        )
    )
    ratio = (ours["pages"] / ours["seconds"]) / (plain["pages"] / plain["seconds"])
    print(f"pages per second, ours / plain: {ratio:.2f}")
    return {"ours": ours, "plain": plain, "pages_per_second_ratio": ratio, "data": vars(options)}
