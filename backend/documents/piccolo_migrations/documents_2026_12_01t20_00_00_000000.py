from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-01T20:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "The PDF jobs are document jobs: report_job becomes document_job (rows kept)"


class RawTable(Table):
    pass


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="documents", description=DESCRIPTION)

    async def run():
        # ALTER TABLE ... RENAME keeps rows, ids, indexes and foreign keys on SQLite and PostgreSQL.
        await RawTable.raw("ALTER TABLE report_job RENAME TO document_job")
        # The records of the app's old name ("reports") were taken over by the first two migrations.
        await RawTable.raw("DELETE FROM migration WHERE app_name = 'reports'")

    async def run_backwards():
        await RawTable.raw("ALTER TABLE document_job RENAME TO report_job")

    manager.add_raw(run)
    manager.add_raw_backwards(run_backwards)
    return manager
