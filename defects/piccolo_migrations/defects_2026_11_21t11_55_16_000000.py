from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-11-21T11:55:16:000000"
VERSION = "1.38.0"
DESCRIPTION = "Map index on reports; one category code, follower and supporter per report"


class RawTable(Table):
    pass


INDEXES = [
    # The map's bbox query: tenant and visibility first (equality), then the coordinates (range).
    "CREATE INDEX defect_report_map ON defect_report (municipality, visibility, lat, lon)",
    "CREATE INDEX defect_report_open_since ON defect_report (municipality, status, created_at)",
    "CREATE UNIQUE INDEX defect_category_code ON defect_category (municipality, code)",
    "CREATE UNIQUE INDEX defect_follower_once ON defect_follower (report, email)",
    'CREATE UNIQUE INDEX defect_supporter_once ON defect_supporter (report, "user")',
]
NAMES = ["defect_report_map", "defect_report_open_since", "defect_category_code", "defect_follower_once",
         "defect_supporter_once"]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="defects", description=DESCRIPTION)

    async def run():
        for statement in INDEXES:
            await RawTable.raw(statement)

    async def run_backwards():
        for name in NAMES:
            await RawTable.raw(f"DROP INDEX {name}")

    manager.add_raw(run)
    manager.add_raw_backwards(run_backwards)
    return manager
