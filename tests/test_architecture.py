"""The import directions of ARCHITECTURE.md: backend -> content -> contributions -> moderation -> media -> geo."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = ["geo", "media", "moderation", "contributions", "proposals", "defects", "legal", "surveys"]
ALLOWED = {
    "geo": set(),
    "media": {"geo"},
    "moderation": {"geo", "media"},
    "contributions": {"moderation", "geo", "media"},
    "proposals": {"contributions", "moderation", "geo", "media"},
    "defects": {"contributions", "moderation", "geo", "media"},
    "legal": {"geo"},
    "surveys": {"contributions", "moderation", "geo", "media"},
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


# content_types: what the registry in backend/wiring.py installs.
DEFECTS_ENTRY_POINTS = {
    "defects.services",
    "defects.schemas",
    "defects.errors",
    "defects.tables",
    "defects.content_types",
}
# defects_support.py is being emptied (its glue moves into the layout's places); the demo loader is a script.
NOT_YET_THROUGH_SERVICES = {"backend/defects_support.py", "backend/demo.py"}


def test_backend_reaches_defects_only_through_services_schemas_errors_and_tables():
    reached: dict[str, set[str]] = {}
    for path in (ROOT / "backend").rglob("*.py"):
        name = str(path.relative_to(ROOT))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "defects":
                modules = [node.module] if node.module != "defects" else [f"defects.{a.name}" for a in node.names]
                for module in modules:
                    if not any(module == e or module.startswith(e + ".") for e in DEFECTS_ENTRY_POINTS):
                        reached.setdefault(module, set()).add(name)
    wrong = {m: files - NOT_YET_THROUGH_SERVICES for m, files in reached.items() if files - NOT_YET_THROUGH_SERVICES}
    assert wrong == {}, f"backend reaches past defects.services: {wrong}"
