"""People never read a raw key: every content type, audit action and report channel the code can produce has a
German and an English label in the frontend's texts (the views fall back to the raw value when one is missing,
which is how "proposal_photo Nr. 1" and "Eingang: phone" reached the screen)."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import get_args

from backend.wiring import content_registry
from defects.schemas import Channel
from moderation.schemas import Action, SanctionKind
from surveys.services.building import STATUS_ACTIONS

ROOT = Path(__file__).resolve().parent.parent
JS = ROOT / "frontend" / "js"
KEY = re.compile(r'^\s*"([a-z0-9_]+\.[a-z0-9_.]+)":', re.M)
PACKAGES = ["backend", "contributions", "proposals", "defects", "moderation", "media", "geo", "legal", "surveys"]
CHANNELS_OF_THE_TABLE = {"online", "open311"}  # set by the app itself, beside the ones staff choose (Channel)


def _keys() -> tuple[set[str], set[str]]:
    german: set[str] = set()
    english: set[str] = set()
    for path in JS.glob("messages*.js"):
        de, en = path.read_text(encoding="utf-8").split("\n  en: {", 1)
        german |= set(KEY.findall(de))
        english |= set(KEY.findall(en))
    return german, english


def recorded_actions() -> set[str]:
    """Every action written to the audit log: literal ones from the code, the computed ones from their types."""
    found = {
        "submitted",
        *get_args(Action),
        *STATUS_ACTIONS.values(),
        *(f"sanction_{kind}" for kind in get_args(SanctionKind)),
    }
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "piccolo_migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call):
                    continue
                name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
                position = {"record": 1, "recorder": 2}.get(name or "")
                if position is None or len(node.args) <= position:
                    continue
                argument = node.args[position]
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    found.add(argument.value)
    return found


def _missing(prefix: str, values: set[str]) -> dict[str, list[str]]:
    german, english = _keys()
    return {
        language: sorted(v for v in values if f"{prefix}.{v}" not in keys)
        for language, keys in (("de", german), ("en", english))
        if any(f"{prefix}.{v}" not in keys for v in values)
    }


def test_the_scan_finds_the_audit_actions_of_every_back_office_part():
    actions = recorded_actions()
    for expected in (
        "department_created",
        "person_invited",
        "profile_changed",
        "districts_uploaded",
        "results_published",
    ):
        assert expected in actions


def test_every_audit_action_has_a_label_in_both_languages():
    assert _missing("modset.action", recorded_actions()) == {}


def test_every_content_type_has_a_label_in_the_queue_and_on_the_account_page():
    types = set(content_registry().content_types)
    assert {"proposal", "comment", "defect_report", "photo"} <= types
    assert _missing("mod.type", types) == {}
    assert _missing("acc.type", types) == {}


def test_every_channel_of_a_report_has_a_label():
    assert _missing("channel", set(get_args(Channel)) | CHANNELS_OF_THE_TABLE) == {}
