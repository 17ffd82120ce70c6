from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-02T18:10:00:000000"
VERSION = "1.38.0"
DESCRIPTION = (
    "Version counters that database triggers bump on every change to municipalities, consultations, phases and "
    "pinned proposals: each worker's cache of them checks one row per request (geo/versions.py)"
)

# scope -> (table, the columns whose change matters; None: every change)
WATCHED = {
    "context": [("municipality", None), ("consultation", None), ("phase", None)],
    "pins": [("proposal", "title, lat, lon, visibility, withdrawn, consultation")],
}


class RawTable(Table):
    pass


def _statements(postgres: bool) -> list[str]:
    out = ["CREATE TABLE cache_version (scope VARCHAR(20) PRIMARY KEY, version BIGINT NOT NULL DEFAULT 0)"]
    out += [f"INSERT INTO cache_version (scope, version) VALUES ('{scope}', 1)" for scope in WATCHED]
    if postgres:
        out.append(
            "CREATE FUNCTION cache_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "UPDATE cache_version SET version = version + 1 WHERE scope = TG_ARGV[0]; RETURN NULL; END $$"
        )
    for scope, tables in WATCHED.items():
        for table, columns in tables:
            for event in ("INSERT", "UPDATE", "DELETE"):
                what = f"UPDATE OF {columns}" if event == "UPDATE" and columns else event
                name = f"cache_version_{table}_{event.lower()}"
                if postgres:
                    out.append(
                        f"CREATE TRIGGER {name} AFTER {what} ON {table} FOR EACH STATEMENT "
                        f"EXECUTE FUNCTION cache_version_bump('{scope}')"
                    )
                else:
                    out.append(
                        f"CREATE TRIGGER {name} AFTER {what} ON {table} FOR EACH ROW BEGIN "
                        f"UPDATE cache_version SET version = version + 1 WHERE scope = '{scope}'; END"
                    )
    return out


def _drops(postgres: bool) -> list[str]:
    out = []
    for tables in WATCHED.values():
        for table, _ in tables:
            for event in ("insert", "update", "delete"):
                name = f"cache_version_{table}_{event}"
                out.append(f"DROP TRIGGER IF EXISTS {name} ON {table}" if postgres else f"DROP TRIGGER IF EXISTS {name}")
    if postgres:
        out.append("DROP FUNCTION IF EXISTS cache_version_bump()")
    return [*out, "DROP TABLE IF EXISTS cache_version"]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="proposals", description=DESCRIPTION)
    postgres = RawTable._meta.db.engine_type == "postgres"

    async def run():
        for statement in _statements(postgres):
            await RawTable.raw(statement)

    async def run_backwards():
        for statement in _drops(postgres):
            await RawTable.raw(statement)

    manager.add_raw(run)
    manager.add_raw_backwards(run_backwards)
    return manager
