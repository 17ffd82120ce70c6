"""The council's results document of a large consultation (1,000 proposals, 20,000 comments, PostgreSQL):
wall time, pages, peak memory and pages per second, against a plain WeasyPrint rendering of a simple
document of similar size in the same run (the yardstick).

Ours renders in parts in worker processes (backend.documents.parts), so peak memory is that of the whole process
tree: the sum of the proportional set sizes (PSS, shared pages counted once) of the process and all its
descendants, sampled every 50 ms. The result is checked too: tagged (pdfinfo), one structure tree whose
ParentTree resolves every page's StructParents, "Seite n / N" on every page, the database's figures on the cover.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from bench._common import PYTHON, ROOT, app_env, bench_database, row, table


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _print_result(pages: int, seconds: float, target: Path, checks: dict[str, Any] | None = None) -> None:
    result = {"pages": pages, "seconds": seconds, "peak_mb": _peak_mb(), "bytes": target.stat().st_size}
    print("RESULT " + json.dumps({**result, **(checks or {})}))


def _checks(target: Path, pages: int, totals: Any) -> dict[str, Any]:
    """After the clock stopped: is the result still tagged, numbered and true to the database?"""
    from backend.documents.pdf import german_number
    from backend.documents.verify import structure_problems

    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True).stdout  # noqa: S603, S607
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout  # noqa: S603, S607
    numbered = sum(f"Seite {n} / {pages}" in page for n, page in enumerate(text.split("\f")[:pages], start=1))
    figures = " ".join(text.split("\f")[0].split())
    expected = [
        f"{label} {german_number(value)}".replace("\u202f", " ")  # split() took the narrow spaces too
        for label, value in (
            ("Vorschläge", totals.proposals),
            ("Kommentare", totals.comments),
            ("Stimmen", totals.votes),
        )
    ]
    return {
        "tagged": "Tagged:          yes" in info,
        "structure_problems": structure_problems(target)[:5],
        "pages_numbered": numbered,
        "cover_figures_match_database": all(e in figures for e in expected),
    }


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
        seconds = time.perf_counter() - start
        _print_result(pages, seconds, target, _checks(target, pages, results.totals))

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


def _tree_pss_mb(root: int) -> float:
    """PSS of `root` and its descendants (from /proc), in MB."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0)
    return total / 1024


def _measure(code: str, env: dict[str, str]) -> dict[str, Any]:
    """Run `code` in a fresh process, sampling the memory of its process tree until it ends."""
    process = subprocess.Popen(  # noqa: S603
        [PYTHON, "-c", code], env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    peak = 0.0
    while process.poll() is None:
        peak = max(peak, _tree_pss_mb(process.pid))
        time.sleep(0.05)
    stdout, stderr = process.communicate()
    if process.returncode:
        raise RuntimeError(f"rendering failed: {stderr[-3000:]}")
    line = next(line for line in stdout.splitlines() if line.startswith("RESULT "))
    return {**json.loads(line.removeprefix("RESULT ")), "tree_peak_mb": round(peak, 1)}


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
        load_before = os.getloadavg()
        ours = _measure(f"import bench.council_document as b; b.render_ours({seeded['consultation']})", env)
        plain = _measure(f"import bench.council_document as b; b.render_plain({options.proposals})", env)
    print(f"load average before/after: {load_before} / {os.getloadavg()}")
    rows = []
    for name, m in (("results document (PDF/UA, charts, map, TOC)", ours), ("plain WeasyPrint, similar text", plain)):
        rows.append(
            [
                name,
                m["pages"],
                f"{m['seconds']:.1f}",
                f"{m['pages'] / m['seconds']:.1f}",
                f"{m['tree_peak_mb']:.0f}",
                f"{m['bytes'] / 1024:.0f}",
            ]
        )
    print(
        table(
            f"Results document: {options.proposals} proposals, {options.comments} comments (PostgreSQL)",
            ["document", "pages", "wall s", "pages/s", "peak MB (tree PSS)", "KiB"],
            rows,
        )
    )
    ratio = (ours["pages"] / ours["seconds"]) / (plain["pages"] / plain["seconds"])
    print(
        f"pages per second, ours / plain: {ratio:.2f}; wall time ours / plain: {ours['seconds'] / plain['seconds']:.2f}"
    )
    print(
        f"tagged: {ours['tagged']}, structure problems: {ours['structure_problems'] or 'none'}, "
        f"pages numbered: {ours['pages_numbered']} / {ours['pages']}, "
        f"cover figures = database: {ours['cover_figures_match_database']}"
    )
    small_and_fast = ours["seconds"] <= 20 and ours["tree_peak_mb"] <= 400
    at_goal = small_and_fast and bool(ours["tagged"]) and not ours["structure_problems"]
    table_row = row(
        "council_pdf",
        ours["seconds"],
        yardstick=plain["seconds"],
        yardstick_what="plain WeasyPrint s",
        unit="s",
        met=at_goal,
        note=f"{ours['pages']} pages, peak {ours['tree_peak_mb']:.0f} MB, tagged: {ours['tagged']}",
    )
    return {
        "rows": [table_row],
        "ours": ours,
        "plain": plain,
        "pages_per_second_ratio": ratio,
        "wall_ratio": ours["seconds"] / plain["seconds"],
        "load_average": {"before": load_before, "after": os.getloadavg()},
        "data": vars(options),
    }
