from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-02T03:58:28:000000"
VERSION = "1.38.0"
DESCRIPTION = "One row per municipality, legal page and version"


class RawTable(Table):
    pass


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="legal", description=DESCRIPTION)

    async def run():
        # Piccolo has no composite unique constraint; this index works on SQLite and PostgreSQL alike.
        await RawTable.raw(
            "CREATE UNIQUE INDEX legal_page_version ON legal_page (municipality, kind, version)"
        )

    async def run_backwards():
        await RawTable.raw("DROP INDEX legal_page_version")

    manager.add_raw(run)
    manager.add_raw_backwards(run_backwards)
    return manager
