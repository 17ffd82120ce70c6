from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-03T11:50:30:000000"
VERSION = "1.38.0"
DESCRIPTION = (
    "Staff queue sorted by priority at a million reports (bench/staff_queue.py): the urgent and high parts are "
    "read from an index by priority instead of walking the whole town's newest-first index past 99 % of it"
)


class RawTable(Table):
    pass


# Plain SQL that SQLite and PostgreSQL both run.
FORWARDS = ["CREATE INDEX defect_report_priority ON defect_report (municipality, priority, created_at, id)"]
BACKWARDS = ["DROP INDEX defect_report_priority"]


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
