"""The frontend's text modules share one dictionary: a key registered twice silently shows another screen's text."""

import re
from itertools import combinations
from pathlib import Path

JS = Path(__file__).resolve().parent.parent / "frontend" / "js"
KEY = re.compile(r'^\s*"([a-z0-9_]+\.[a-z0-9_.]+)":', re.M)


def test_no_two_text_modules_register_the_same_key():
    keys = {path.name: set(KEY.findall(path.read_text(encoding="utf-8"))) for path in JS.glob("messages*.js")}
    assert len(keys) >= 4 and all(keys.values())
    clashes = {f"{a} & {b}": sorted(keys[a] & keys[b]) for a, b in combinations(sorted(keys), 2) if keys[a] & keys[b]}
    assert clashes == {}
