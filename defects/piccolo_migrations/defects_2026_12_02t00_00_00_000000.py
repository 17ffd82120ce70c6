from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-02T00:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = (
    "Open311 for outside apps: trusted API keys, the key that sent a report, reports filed by address alone "
    "(placed later by staff), and when a category last changed (the discovery's changeset)"
)


class RawTable(Table):
    pass


# Plain SQL that SQLite and PostgreSQL both run; SQLite cannot add a column with a non-constant default,
# so changed_at starts empty for existing rows (the discovery falls back to a fixed changeset for them).
FORWARDS = [
    "ALTER TABLE defect_api_key ADD COLUMN trusted BOOLEAN NOT NULL DEFAULT FALSE",
    "ALTER TABLE defect_report ADD COLUMN placed BOOLEAN NOT NULL DEFAULT TRUE",
    "ALTER TABLE defect_report ADD COLUMN api_key INTEGER NULL REFERENCES defect_api_key (id) ON DELETE SET NULL",
    "ALTER TABLE defect_category ADD COLUMN changed_at TIMESTAMPTZ NULL",
]
BACKWARDS = [
    "ALTER TABLE defect_category DROP COLUMN changed_at",
    "ALTER TABLE defect_report DROP COLUMN api_key",
    "ALTER TABLE defect_report DROP COLUMN placed",
    "ALTER TABLE defect_api_key DROP COLUMN trusted",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="defects", description=DESCRIPTION)

    async def run():
        for statement in FORWARDS:
            await RawTable.raw(statement)

    async def run_backwards():
        for statement in BACKWARDS:
            await RawTable.raw(statement)

    manager.add_raw(run)
    manager.add_raw_backwards(run_backwards)
    return manager
