from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-02T04:00:00:133000"
VERSION = "1.38.0"
DESCRIPTION = "Departments run by the back office: more addresses, phone, opening hours, the default one, retired"


class RawTable(Table):
    pass


# Plain SQL that SQLite and PostgreSQL both run.
FORWARDS = [
    "ALTER TABLE department ADD COLUMN more_emails TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE department ADD COLUMN phone VARCHAR(50) NOT NULL DEFAULT ''",
    "ALTER TABLE department ADD COLUMN opening_hours TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE department ADD COLUMN is_default BOOLEAN NOT NULL DEFAULT FALSE",
    "ALTER TABLE department ADD COLUMN retired_at TIMESTAMPTZ NULL",
]
BACKWARDS = [
    "ALTER TABLE department DROP COLUMN retired_at",
    "ALTER TABLE department DROP COLUMN is_default",
    "ALTER TABLE department DROP COLUMN opening_hours",
    "ALTER TABLE department DROP COLUMN phone",
    "ALTER TABLE department DROP COLUMN more_emails",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="geo", description=DESCRIPTION)

    async def run():
        for statement in FORWARDS:
            await RawTable.raw(statement)

    async def run_backwards():
        for statement in BACKWARDS:
            await RawTable.raw(statement)

    manager.add_raw(run)
    manager.add_raw_backwards(run_backwards)
    return manager
