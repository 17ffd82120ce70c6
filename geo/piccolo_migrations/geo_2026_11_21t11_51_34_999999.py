from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-11-21T11:51:34:999999"
VERSION = "1.38.0"
DESCRIPTION = "One membership per person, municipality and role"


class RawTable(Table):
    pass


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="geo", description=DESCRIPTION)

    async def run():
        # Piccolo has no composite unique constraint; this index works on SQLite and PostgreSQL alike.
        await RawTable.raw(
            'CREATE UNIQUE INDEX membership_user_municipality_role ON membership ("user", municipality, role)'
        )

    async def run_backwards():
        await RawTable.raw("DROP INDEX membership_user_municipality_role")

    manager.add_raw(run)
    manager.add_raw_backwards(run_backwards)
    return manager
