"""The import directions of ARCHITECTURE.md: backend -> content -> contributions -> moderation -> media -> geo."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = ["geo", "media", "moderation", "contributions", "proposals", "defects"]
ALLOWED = {
    "geo": set(),
    "media": {"geo"},
    "moderation": {"geo", "media"},
    "contributions": {"moderation", "geo", "media"},
    "proposals": {"contributions", "moderation", "geo", "media"},
    "defects": {"contributions", "moderation", "geo", "media"},
}
FORBIDDEN_EVERYWHERE_IN_DOMAIN = {"litestar", "backend"}


def imported_top_levels(package: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in (ROOT / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], set()).add(str(path.relative_to(ROOT)))
    return found


@pytest.mark.parametrize("package", DOMAIN)
def test_domain_packages_import_only_downwards(package):
    imports = imported_top_levels(package)
    wrong = {
        name: files
        for name, files in imports.items()
        if (name in DOMAIN and name != package and name not in ALLOWED[package])
        or name in FORBIDDEN_EVERYWHERE_IN_DOMAIN
    }
    assert wrong == {}, f"{package} imports against the arrows: {wrong}"


def test_the_check_itself_sees_imports():
    assert "geo" in imported_top_levels("backend")
