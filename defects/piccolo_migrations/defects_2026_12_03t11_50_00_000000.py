from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-03T11:50:00:000000"
VERSION = "1.38.0"
DESCRIPTION = (
    "Area-alert feed of a circle at a million reports (bench/area_alerts.py): the newest-first index carries "
    "lat and lon, so the walk checks the circle's box in the index and reads only the reports inside it"
)


class RawTable(Table):
    pass


# Plain SQL that SQLite and PostgreSQL both run. The new index starts like the old one (whole-town feed, newest
# first), so the old one goes.
FORWARDS = [
    "CREATE INDEX defect_report_newest_place ON defect_report (municipality, created_at, id, lat, lon)",
    "DROP INDEX defect_report_newest",
]
BACKWARDS = [
    "CREATE INDEX defect_report_newest ON defect_report (municipality, created_at, id)",
    "DROP INDEX defect_report_newest_place",
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
