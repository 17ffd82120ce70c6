from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-02T18:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = (
    "Address search inside a word ('kirchstr' finds 'Hauptkirchstraße'): on PostgreSQL a pg_trgm GIN index on "
    "the search key, when the extension can be had; otherwise (and on SQLite) the infix search reads the "
    "municipality's rows by the existing (municipality, search_key) index"
)

INDEX = "geo_address_trigram"


class RawTable(Table):
    pass


async def trigram_possible() -> bool:
    """pg_trgm is installed, or available and this role may create it (a superuser, or, the extension being
    trusted since PostgreSQL 13, a role that may CREATE in this database)."""
    rows = await RawTable.raw(
        "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') AS installed, "
        "EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') AS available, "
        "(SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser, "
        "has_database_privilege(current_database(), 'CREATE') AS may_create"
    )
    row = rows[0]
    return bool(row["installed"] or (row["available"] and (row["superuser"] or row["may_create"])))


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="geo", description=DESCRIPTION)

    async def run():
        if RawTable._meta.db.engine_type != "postgres" or not await trigram_possible():
            return  # the search falls back to reading the municipality's keys (geo/addresses/register.py)
        await RawTable.raw("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        await RawTable.raw(f"CREATE INDEX IF NOT EXISTS {INDEX} ON geo_address USING gin (search_key gin_trgm_ops)")

    async def run_backwards():
        if RawTable._meta.db.engine_type == "postgres":
            await RawTable.raw(f"DROP INDEX IF EXISTS {INDEX}")

    manager.add_raw(run)
    manager.add_raw_backwards(run_backwards)
    return manager
