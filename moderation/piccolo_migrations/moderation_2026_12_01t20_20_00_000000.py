from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-01T20:20:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Moderation's verdict on an item is its visibility: moderation_item.state -> visibility (rows kept)"


class RawTable(Table):
    pass


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="moderation", description=DESCRIPTION)

    async def run():
        await RawTable.raw("ALTER TABLE moderation_item RENAME COLUMN state TO visibility")

    async def run_backwards():
        await RawTable.raw("ALTER TABLE moderation_item RENAME COLUMN visibility TO state")

    manager.add_raw(run)
    manager.add_raw_backwards(run_backwards)
    return manager
