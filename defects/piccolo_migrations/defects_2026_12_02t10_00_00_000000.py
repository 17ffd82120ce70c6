from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-02T10:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Where a report's address came from: typed by the reporter, or found by reverse lookup of its point"


class RawTable(Table):
    pass


# Plain SQL that SQLite (3.35+ drops columns) and PostgreSQL both run.
FORWARDS = ["ALTER TABLE defect_report ADD COLUMN address_origin VARCHAR(10) NOT NULL DEFAULT ''"]
BACKWARDS = ["ALTER TABLE defect_report DROP COLUMN address_origin"]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="defects", description=DESCRIPTION)

    async def run():
        for statement in FORWARDS:
            await RawTable.raw(statement)

    async def run_backwards():
        for statement in BACKWARDS:
            await RawTable.raw(statement)

    manager.add_raw(run)
    manager.add_raw_backwards(run_backwards)
    return manager
