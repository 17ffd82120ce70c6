from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-01T20:10:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "'Betrifft mich auch' is 'affected', not 'support': defect_supporter -> defect_affected (rows kept)"


class RawTable(Table):
    pass


FORWARDS = [
    # RENAME keeps the rows, their ids and the foreign keys on SQLite and PostgreSQL.
    "ALTER TABLE defect_supporter RENAME TO defect_affected",
    "ALTER TABLE defect_report RENAME COLUMN support_count TO affected_count",
    # SQLite cannot rename an index: drop it and create it again under the new name.
    "DROP INDEX defect_supporter_once",
    'CREATE UNIQUE INDEX defect_affected_once ON defect_affected (report, "user")',
]
BACKWARDS = [
    "DROP INDEX defect_affected_once",
    'CREATE UNIQUE INDEX defect_supporter_once ON defect_affected (report, "user")',
    "ALTER TABLE defect_report RENAME COLUMN affected_count TO support_count",
    "ALTER TABLE defect_affected RENAME TO defect_supporter",
]


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
