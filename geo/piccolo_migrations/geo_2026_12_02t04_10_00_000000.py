from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-02T04:10:00:000000"
VERSION = "1.38.0"
DESCRIPTION = (
    "The municipality profile: opening hours, the council's name, the logo as our own stored file (replacing an "
    "outside logo_url, which nothing set) and whether maps show background tiles"
)


class RawTable(Table):
    pass


# Plain SQL that SQLite (3.35+ drops columns) and PostgreSQL both run.
FORWARDS = [
    "ALTER TABLE municipality ADD COLUMN opening_hours TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE municipality ADD COLUMN council_name VARCHAR(120) NOT NULL DEFAULT 'Stadtverordnetenversammlung'",
    "ALTER TABLE municipality ADD COLUMN logo_key VARCHAR(100) NOT NULL DEFAULT ''",
    "ALTER TABLE municipality ADD COLUMN tiles_enabled BOOLEAN NOT NULL DEFAULT TRUE",
    "ALTER TABLE municipality DROP COLUMN logo_url",
]
BACKWARDS = [
    "ALTER TABLE municipality ADD COLUMN logo_url VARCHAR(500) NOT NULL DEFAULT ''",
    "ALTER TABLE municipality DROP COLUMN tiles_enabled",
    "ALTER TABLE municipality DROP COLUMN logo_key",
    "ALTER TABLE municipality DROP COLUMN council_name",
    "ALTER TABLE municipality DROP COLUMN opening_hours",
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
