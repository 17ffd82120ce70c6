from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-02T04:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Each queued mail names the municipality it was sent for (its admins' outbox)"


class RawTable(Table):
    pass


FORWARDS = [
    "ALTER TABLE outgoing_mail ADD COLUMN municipality INTEGER NULL REFERENCES municipality (id) ON DELETE CASCADE",
    "CREATE INDEX outgoing_mail_municipality ON outgoing_mail (municipality)",
]
BACKWARDS = [
    "DROP INDEX outgoing_mail_municipality",
    "ALTER TABLE outgoing_mail DROP COLUMN municipality",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="mail", description=DESCRIPTION)

    async def run():
        for statement in FORWARDS:
            await RawTable.raw(statement)

    async def run_backwards():
        for statement in BACKWARDS:
            await RawTable.raw(statement)

    manager.add_raw(run)
    manager.add_raw_backwards(run_backwards)
    return manager
