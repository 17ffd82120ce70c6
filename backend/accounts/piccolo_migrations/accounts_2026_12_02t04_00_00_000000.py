from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-02T04:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "An admin can deactivate an account: profile.deactivated_at"


class RawTable(Table):
    pass


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="accounts", description=DESCRIPTION)

    async def run():
        await RawTable.raw("ALTER TABLE profile ADD COLUMN deactivated_at TIMESTAMPTZ NULL")

    async def run_backwards():
        await RawTable.raw("ALTER TABLE profile DROP COLUMN deactivated_at")

    manager.add_raw(run)
    manager.add_raw_backwards(run_backwards)
    return manager
