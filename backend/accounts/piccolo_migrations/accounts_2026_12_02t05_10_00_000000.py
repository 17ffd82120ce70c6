from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-02T05:10:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "A new e-mail address waits in its confirmation token: account_token.new_email"


class RawTable(Table):
    pass


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="accounts", description=DESCRIPTION)

    async def run():
        await RawTable.raw("ALTER TABLE account_token ADD COLUMN new_email VARCHAR(255) NOT NULL DEFAULT ''")

    async def run_backwards():
        await RawTable.raw("ALTER TABLE account_token DROP COLUMN new_email")

    manager.add_raw(run)
    manager.add_raw_backwards(run_backwards)
    return manager
