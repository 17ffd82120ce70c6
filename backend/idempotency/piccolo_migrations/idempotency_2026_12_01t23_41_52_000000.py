from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-01T23:41:52:000000"
VERSION = "1.38.0"
DESCRIPTION = "One row per idempotency key and scope"


class RawTable(Table):
    pass


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="idempotency", description=DESCRIPTION)

    async def run():
        # The claim is one INSERT ... ON CONFLICT DO NOTHING against this index: a concurrent retry waits for
        # the first request's transaction and then finds its answer.
        await RawTable.raw("CREATE UNIQUE INDEX idempotent_request_once ON idempotent_request (scope, key)")

    async def run_backwards():
        await RawTable.raw("DROP INDEX idempotent_request_once")

    manager.add_raw(run)
    manager.add_raw_backwards(run_backwards)
    return manager
