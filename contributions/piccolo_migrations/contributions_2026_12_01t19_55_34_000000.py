from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-01T19:55:34:000000"
VERSION = "1.38.0"
DESCRIPTION = "Once per person (or address) and target; the followers of one target are found by one index"

INDEXES = [
    # Piccolo has no composite unique constraint; unique indexes work on SQLite and PostgreSQL alike.
    # NULL users are distinct in a unique index on both engines, so address-only follows need their own.
    ("contribution_follow_user_once", 'contribution_follow (content_type, content_id, "user")'),
    ("contribution_follow_email_once", 'contribution_follow (content_type, content_id, email) WHERE "user" IS NULL'),
]


class RawTable(Table):
    pass


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="contributions", description=DESCRIPTION)

    async def run():
        for name, target in INDEXES:
            await RawTable.raw(f"CREATE UNIQUE INDEX {name} ON {target}")
        await RawTable.raw("CREATE INDEX contribution_follow_email ON contribution_follow (email)")

    async def run_backwards():
        for name, _ in INDEXES:
            await RawTable.raw(f"DROP INDEX {name}")
        await RawTable.raw("DROP INDEX contribution_follow_email")

    manager.add_raw(run)
    manager.add_raw_backwards(run_backwards)
    return manager
