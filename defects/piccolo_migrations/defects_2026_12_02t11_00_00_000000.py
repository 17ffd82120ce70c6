from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-02T11:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = (
    "Case work for staff: who a report is assigned to, its priority, internal notes only staff read, "
    "and the indexes of the filtered queue"
)


class RawTable(Table):
    pass


# Plain SQL that SQLite and PostgreSQL both run; only the id column of the new table differs.
NOTE_COLUMNS = (
    "report INTEGER NOT NULL REFERENCES defect_report (id) ON DELETE CASCADE, "
    "author INTEGER NULL REFERENCES piccolo_user (id) ON DELETE SET NULL, "
    "author_label VARCHAR(200) NOT NULL DEFAULT '', "
    "text TEXT NOT NULL DEFAULT '', "
    "created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP"
)
FORWARDS = [
    "ALTER TABLE defect_report ADD COLUMN assignee INTEGER NULL REFERENCES piccolo_user (id) ON DELETE SET NULL",
    "ALTER TABLE defect_report ADD COLUMN priority VARCHAR(10) NOT NULL DEFAULT 'normal'",
    "CREATE INDEX defect_internal_note_report ON defect_internal_note (report)",
    # The queue of a department (oldest or newest first) and "mir zugewiesen", both in key order for paging.
    "CREATE INDEX defect_report_queue ON defect_report (municipality, department, created_at, id)",
    "CREATE INDEX defect_report_assignee ON defect_report (assignee, created_at, id)",
    # Reports older than routing, or answered "nicht zuständig" at once, are handled by their category's
    # department (rules.handling_department): name it on the row, so the queue's index serves them too.
    "UPDATE defect_report SET department = (SELECT c.department FROM defect_category c "
    "WHERE c.id = defect_report.category) WHERE department IS NULL",
]
BACKWARDS = [
    "DROP INDEX defect_report_assignee",
    "DROP INDEX defect_report_queue",
    "DROP TABLE defect_internal_note",
    "ALTER TABLE defect_report DROP COLUMN priority",
    "ALTER TABLE defect_report DROP COLUMN assignee",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="defects", description=DESCRIPTION)

    async def run():
        serial = "INTEGER PRIMARY KEY" if RawTable._meta.db.engine_type == "sqlite" else "SERIAL PRIMARY KEY"
        await RawTable.raw(f"CREATE TABLE defect_internal_note (id {serial}, {NOTE_COLUMNS})")
        for statement in FORWARDS:
            await RawTable.raw(statement)

    async def run_backwards():
        for statement in BACKWARDS:
            await RawTable.raw(statement)

    manager.add_raw(run)
    manager.add_raw_backwards(run_backwards)
    return manager
