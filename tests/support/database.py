"""A database of the test run's own, on the engine STADTSTIMME_TEST_ENGINE names (sqlite or postgres).

The suite only ever creates, migrates, empties and drops databases whose name starts with
`stadtstimme_test_`; it refuses any other, so it cannot touch a developer's data.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

import aiosqlite
import asyncpg

TEST_PREFIX = "stadtstimme_test_"
DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"


def engine_name() -> str:
    return os.environ.get("STADTSTIMME_TEST_ENGINE", "sqlite")


def _with_database(url: str, name: str) -> str:
    return urlunparse(urlparse(url)._replace(path=f"/{name}"))


def assert_test_database(url: str) -> None:
    parsed = urlparse(url)
    name = Path(parsed.path).name
    if not name.startswith(TEST_PREFIX):
        raise RuntimeError(f"Refusing to use {url!r}: test databases must be named {TEST_PREFIX}*")


def _server() -> str:
    return os.environ.get("TEST_DATABASE_URL", DEFAULT_SERVER)


def _on_server(statement: str) -> None:
    """Run one statement on the PostgreSQL server's maintenance database (CREATE/DROP DATABASE)."""

    async def run() -> None:
        connection = await asyncpg.connect(_server(), timeout=5)
        try:
            await connection.execute(statement)
        finally:
            await connection.close()

    asyncio.run(run())


# In memory where the machine has it: a test run's files need no disk, and each commit's fsync cost more than
# the statement (SQLite syncs its WAL at every commit).
_SHM = Path("/dev/shm")  # noqa: S108 (mkdtemp makes a private folder of a random name in it)
SCRATCH = str(_SHM) if _SHM.is_dir() and os.access(_SHM, os.W_OK) else None


def scratch_dir(prefix: str) -> str:
    return tempfile.mkdtemp(prefix=prefix, dir=SCRATCH)


def create() -> str:
    """Create the run's database and return its URL.

    PostgreSQL: the run's own database commits without waiting for the WAL flush (`synchronous_commit = off`,
    for this database only): a test loses nothing by it, and each of its thousands of commits saves an fsync.
    The fault tests, which check that an acknowledged write survives a crash, run their own cluster with the
    production setting."""
    name = f"{TEST_PREFIX}{os.getpid()}_{uuid.uuid4().hex[:8]}"
    if engine_name() == "sqlite":
        return f"sqlite:///{Path(scratch_dir('stadtstimme-')) / name}.sqlite"
    _on_server(f'CREATE DATABASE "{name}"')
    _on_server(f'ALTER DATABASE "{name}" SET synchronous_commit = off')
    return _with_database(_server(), name)


def drop(url: str) -> None:
    assert_test_database(url)
    if url.startswith("sqlite"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        return
    _on_server(f'DROP DATABASE IF EXISTS "{Path(urlparse(url).path).name}" WITH (FORCE)')


def _reset_statement(tables: list[Any]) -> str:
    """One round trip that empties every table (children first) and restarts the id sequences the test used.

    What `TRUNCATE … RESTART IDENTITY CASCADE` does, at a fraction of its cost: TRUNCATE gives each of the ~35
    tables a new file, which took 2-4 s per test here even with the tables empty; DELETE on a table of a few rows
    costs next to nothing, and only the sequences a test advanced need a restart.
    """
    names = ", ".join("'" + t._meta.tablename + "'" for t in reversed(tables))
    return f"""
DO $reset$
DECLARE
    tables text[] := ARRAY[{names}];
    name text;
    sequence regclass;
BEGIN
    FOREACH name IN ARRAY tables LOOP
        EXECUTE format('DELETE FROM %I', name);
    END LOOP;
    FOR sequence IN
        SELECT s.oid::regclass FROM pg_class s
        JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
        JOIN pg_class t ON t.oid = d.refobjid
        JOIN pg_sequences ps ON ps.schemaname = current_schema() AND ps.sequencename = s.relname
        WHERE s.relkind = 'S' AND t.relname = ANY (tables) AND ps.last_value IS NOT NULL
    LOOP
        EXECUTE format('ALTER SEQUENCE %s RESTART', sequence);
    END LOOP;
END
$reset$"""


async def empty_all_tables() -> None:
    """Remove every row, children first, so each test starts from an empty, migrated database (ids from 1)."""
    from piccolo.apps.migrations.tables import Migration
    from piccolo.conf.apps import Finder
    from piccolo.table import sort_table_classes

    from defects import mapcache
    from geo import territory, versions

    tables = [t for t in sort_table_classes(Finder().get_table_classes()) if t is not Migration]
    # The map's cell counts last: deleting reports makes their triggers write to them (defects/mapcells_sql.py).
    tables.sort(key=lambda t: t._meta.tablename not in ("defect_map_cell", "defect_map_version"))
    db = Migration._meta.db
    assert_test_database(os.environ["DATABASE_URL"])
    if db.engine_type == "postgres":
        try:
            await db.run_ddl(_reset_statement(tables))
        except asyncpg.PostgresError:  # e.g. a cycle of foreign keys that no order of DELETEs satisfies
            names = ", ".join(f'"{t._meta.tablename}"' for t in tables)
            await db.run_ddl(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
        # The deleted reports' map deltas were applied at that commit (defects/mapcells_sql.py): empty again.
        await db.run_ddl("DELETE FROM defect_map_cell")
        await db.run_ddl("DELETE FROM defect_map_version")
    else:  # one connection and one commit, not one of each per table
        deletes = "".join(f'DELETE FROM "{t._meta.tablename}";' for t in reversed(tables))
        async with aiosqlite.connect(db.connection_kwargs["database"], timeout=30) as connection:
            await connection.execute("PRAGMA foreign_keys = 1")
            await connection.executescript(f"BEGIN IMMEDIATE;{deletes}COMMIT;")
    territory._cache.clear()
    versions.forget_all()  # the ids restart: a cached consultation 1 is another test's
    mapcache.forget()  # answers cached for a municipality id that the next test gives another town
