"""`just bench [names] [-- options]`: run every benchmark module in bench/ (or the named ones).

A benchmark is a module `bench/<name>.py` with `run(args: list[str]) -> dict`: it sets up what it needs,
measures, prints a table and returns its numbers; the runner writes them to var/bench/<name>.json.
Modules whose names start with "_" are helpers, not benchmarks. Each file also records the machine load; at the
end the runner prints issue 15's table from the `rows` of every var/bench/*.json (bench._common.summary) and
writes it to var/bench/summary.json. `just bench summary` prints that table without running anything.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
import time
from pathlib import Path

import bench
from bench._common import machine_load, summary

OUTPUT = Path(__file__).resolve().parent.parent / "var" / "bench"


def available() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(bench.__path__) if not m.name.startswith("_"))


def main(argv: list[str]) -> int:
    names, options = (argv[: argv.index("--")], argv[argv.index("--") + 1 :]) if "--" in argv else (argv, [])
    if names == ["summary"]:
        print(summary(OUTPUT)[0])
        return 0
    known = available()
    unknown = [n for n in names if n not in known]
    if unknown:
        print(f"Unknown benchmark(s): {', '.join(unknown)}. Available: {', '.join(known)}", file=sys.stderr)
        return 2
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for name in names or known:
        print(f"== {name} ==", flush=True)
        started, load_before = time.monotonic(), machine_load()
        results = importlib.import_module(f"bench.{name}").run(options)
        results["wall_seconds"] = round(time.monotonic() - started, 1)
        results["machine_load"] = {"before": load_before, **machine_load()}
        (OUTPUT / f"{name}.json").write_text(json.dumps(results, indent=2, default=str))
        print(f"({name}: {results['wall_seconds']} s; numbers in {OUTPUT / (name + '.json')})\n", flush=True)
    text, rows = summary(OUTPUT)
    (OUTPUT / "summary.json").write_text(json.dumps({"table": rows}, indent=2, default=str))
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
