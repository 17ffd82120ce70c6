from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-02T18:15:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Where a municipality's district shapes come from (the map names it), e.g. approximate demo shapes"


class RawTable(Table):
    pass


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="geo", description=DESCRIPTION)

    async def run():
        await RawTable.raw(
            "ALTER TABLE municipality ADD COLUMN districts_attribution VARCHAR(300) NOT NULL DEFAULT ''"
        )

    async def run_backwards():
        await RawTable.raw("ALTER TABLE municipality DROP COLUMN districts_attribution")

    manager.add_raw(run)
    manager.add_raw_backwards(run_backwards)
    return manager
