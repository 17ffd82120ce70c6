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


CALL = re.compile(r'\bt\(\s*"([a-z0-9_]+\.[a-z0-9_.]+)"')
PLURAL = re.compile(r'^\s*"([a-z0-9_]+\.[a-z0-9_.]+)": (\{.*\}),?$', re.M)


def _sections(path: Path) -> tuple[str, str]:
    text = path.read_text(encoding="utf-8")
    german, english = text.split("\n  en: {", 1)
    return german, english


def test_every_literal_text_key_a_module_asks_for_exists_in_german():
    german = set().union(*(KEY.findall(_sections(path)[0]) for path in JS.glob("messages*.js")))
    asked = {
        f"{path.relative_to(JS)}: {key}"
        for path in JS.rglob("*.js")
        for key in CALL.findall(path.read_text(encoding="utf-8"))
        if key not in german
    }
    assert asked == set()


def test_plural_texts_have_an_other_form_in_both_languages_and_no_count_is_pluralised_by_hand():
    plural_keys = {}
    for path in JS.glob("messages*.js"):
        for lang, section in zip(("de", "en"), _sections(path), strict=True):
            for key, forms in PLURAL.findall(section):
                assert re.search(r"\bother: ", forms), f"{path.name} {lang} {key} lacks 'other'"
                plural_keys.setdefault(key, set()).add(lang)
    assert {"prop.support", "prop.comments", "report.affected_count"} <= set(plural_keys)
    assert all(langs == {"de", "en"} for langs in plural_keys.values()), plural_keys
    # A plain text that puts a noun after {count} is a hand-made plural ("1 Kommentare").
    for path in JS.glob("messages*.js"):
        for line in path.read_text(encoding="utf-8").splitlines():
            assert not re.search(r'^\s*"[a-z0-9_.]+": "[^"]*\{count\} [A-Za-zÄÖÜäöüß]', line), line
