from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-03T11:30:30:000000"
VERSION = "1.38.0"
DESCRIPTION = "A free-text answer sits in a theme once (raw steps run before a migration's tables: hence apart)"


class RawTable(Table):
    pass


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="surveys", description=DESCRIPTION)

    # Piccolo has no composite unique constraint; a unique index works on SQLite and PostgreSQL alike.
    async def run():
        await RawTable.raw("CREATE UNIQUE INDEX survey_free_text_theme_once ON survey_free_text_theme (answer, theme)")

    async def run_backwards():
        await RawTable.raw("DROP INDEX survey_free_text_theme_once")

    manager.add_raw(run)
    manager.add_raw_backwards(run_backwards)
    return manager
