from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-02T04:00:00:133000"
VERSION = "1.38.0"
DESCRIPTION = (
    "The back office runs the Mängelmelder: retired categories, routing rules per district or drawn area "
    "(a department or an outside body), and the department a report was routed to"
)


class RawTable(Table):
    pass


# Plain SQL that SQLite and PostgreSQL both run; only the id column of the new table differs.
RULE_COLUMNS = (
    "category INTEGER NOT NULL REFERENCES defect_category (id) ON DELETE CASCADE, "
    "label VARCHAR(200) NOT NULL DEFAULT '', "
    "district INTEGER NULL REFERENCES district (id) ON DELETE CASCADE, "
    "area TEXT NULL, "
    "department INTEGER NULL REFERENCES department (id) ON DELETE RESTRICT, "
    "external_name VARCHAR(200) NOT NULL DEFAULT '', "
    "external_email VARCHAR(254) NOT NULL DEFAULT '', "
    "external_phone VARCHAR(50) NOT NULL DEFAULT '', "
    "external_web VARCHAR(300) NOT NULL DEFAULT ''"
)
FORWARDS = [
    "ALTER TABLE defect_category ADD COLUMN retired_at TIMESTAMPTZ NULL",
    "ALTER TABLE defect_report ADD COLUMN department INTEGER NULL REFERENCES department (id) ON DELETE SET NULL",
    "CREATE INDEX defect_routing_rule_category ON defect_routing_rule (category)",
]
BACKWARDS = [
    "DROP TABLE defect_routing_rule",
    "ALTER TABLE defect_report DROP COLUMN department",
    "ALTER TABLE defect_category DROP COLUMN retired_at",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="defects", description=DESCRIPTION)

    async def run():
        serial = "INTEGER PRIMARY KEY" if RawTable._meta.db.engine_type == "sqlite" else "SERIAL PRIMARY KEY"
        await RawTable.raw(f"CREATE TABLE defect_routing_rule (id {serial}, {RULE_COLUMNS})")
        for statement in FORWARDS:
            await RawTable.raw(statement)

    async def run_backwards():
        for statement in BACKWARDS:
            await RawTable.raw(statement)

    manager.add_raw(run)
    manager.add_raw_backwards(run_backwards)
    return manager
