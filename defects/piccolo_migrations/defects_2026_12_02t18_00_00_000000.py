from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

from defects import mapcells_sql

ID = "2026-12-02T18:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Report counts per map cell, kept by triggers in each report's transaction, counted once from the reports"


class RawTable(Table):
    pass


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="defects", description=DESCRIPTION)

    async def run():
        engine = RawTable._meta.db.engine_type
        for statement in mapcells_sql.create_statements(engine) + mapcells_sql.rebuild_statements(engine):
            await RawTable.raw(statement)

    async def run_backwards():
        for statement in mapcells_sql.drop_statements(RawTable._meta.db.engine_type):
            await RawTable.raw(statement)

    manager.add_raw(run)
    manager.add_raw_backwards(run_backwards)
    return manager
