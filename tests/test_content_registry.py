"""The content registry is complete: every content type that domain code submits to moderation is wired once,
with its outcome listener, its personal-data exporter and its eraser, and nothing registers itself on import."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

from backend.wiring import content_registry
from moderation import hook

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = ["contributions", "proposals", "defects", "moderation", "media", "geo"]


def _constants(tree: ast.Module) -> dict[str, str]:
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found[target.id] = node.value.value
    return found


def submitted_content_types() -> dict[str, str]:
    """content type -> the file that builds a moderation.hook.Contribution of it."""
    found: dict[str, str] = {}
    for package in DOMAIN:
        for path in (ROOT / package).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            constants = _constants(tree)
            for node in ast.walk(tree):
                if not (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None))):
                    continue
                if (getattr(node.func, "id", None) or getattr(node.func, "attr", None)) != "Contribution":
                    continue
                for keyword in node.keywords:
                    if keyword.arg != "content_type":
                        continue
                    value = keyword.value
                    if isinstance(value, ast.Constant):
                        found[value.value] = str(path.relative_to(ROOT))
                    elif isinstance(value, ast.Name) and value.id in constants:
                        found[constants[value.id]] = str(path.relative_to(ROOT))
                    else:
                        pytest.fail(f"{path}: content_type must be a literal or a module constant to be checked")
    return found


def test_the_scan_finds_the_content_types_it_must_know():
    assert {"proposal", "comment", "defect_report"} <= set(submitted_content_types())


def test_every_submitted_content_type_is_registered_with_listener_exporter_and_eraser():
    registry = content_registry()
    missing = {name: where for name, where in submitted_content_types().items() if name not in registry.content_types}
    assert missing == {}, f"add these to backend/wiring.py: {missing}"
    for content_type in registry.content_types.values():
        for part in (content_type.apply_outcome, content_type.export, content_type.erase):
            assert inspect.iscoroutinefunction(part), (content_type.name, part)


def test_personal_data_holders_export_and_erase():
    registry = content_registry()
    assert {"votes", "flags", "sanctions", "mails"} <= set(registry.personal_data)
    for part in registry.personal_data.values():
        assert inspect.iscoroutinefunction(part.export) and inspect.iscoroutinefunction(part.erase), part.section


def test_a_content_type_or_section_cannot_be_registered_twice():
    registry = content_registry()
    with pytest.raises(ValueError, match="twice"):
        registry.add_content_type(next(iter(registry.content_types.values())))
    with pytest.raises(ValueError, match="twice"):
        registry.add_personal_data(next(iter(registry.personal_data.values())))


def test_no_module_registers_a_listener_at_import_time():
    offenders = []
    for package in [*DOMAIN, "backend"]:
        for path in (ROOT / package).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in tree.body:  # module level only: calls inside functions are wiring, not side effects
                call = node.value if isinstance(node, ast.Expr) else None
                if isinstance(call, ast.Call) and getattr(call.func, "attr", getattr(call.func, "id", "")) in {
                    "register",
                    "register_exporter",
                    "register_eraser",
                }:
                    offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_the_app_installs_exactly_the_registered_listeners(settings):
    from backend.app import create_app

    hook._listeners.clear()
    create_app(settings)
    assert set(hook._listeners) == set(content_registry().content_types)


async def test_a_contribution_of_an_unwired_content_type_is_refused(taunusstein):
    with pytest.raises(LookupError, match=r"backend\.wiring"):
        await hook.submit(
            hook.Contribution(municipality_id=taunusstein.id, content_type="nobody_wired", content_id=1, author_id=None)
        )
