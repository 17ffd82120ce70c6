"""The PostgreSQL pool skips asyncpg's per-release session reset; that is safe only while no code leaves
session state behind (advisory locks, LISTEN, SET SESSION, cursors, prepared statements, temp tables)."""

from pathlib import Path

from backend.database import SESSION_STATE_STATEMENTS
from backend.settings import PROJECT_ROOT

PACKAGES = ("backend", "contributions", "defects", "geo", "legal", "media", "moderation", "proposals")


def test_no_code_leaves_state_in_a_database_session():
    users = [
        f"{path.relative_to(PROJECT_ROOT)}: {statement.strip()}"
        for package in PACKAGES
        for path in Path(PROJECT_ROOT, package).rglob("*.py")
        if path.name != "database.py"
        for statement in SESSION_STATE_STATEMENTS
        if statement in path.read_text(encoding="utf-8")  # SQL keywords are written in capitals here
    ]
    assert users == [], "these need asyncpg's full pool reset back (backend/database.py): " + ", ".join(users)
