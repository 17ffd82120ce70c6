from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-02T18:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = (
    "Area alerts at scale (bench/area_alerts.py): the feed of a district and of the whole town read the newest "
    "reports from an index instead of sorting a district's hundred thousand; a new report's circles are found "
    "by a box on an index of the circle subscriptions"
)


class RawTable(Table):
    pass


# Plain SQL that SQLite and PostgreSQL both run.
FORWARDS = [
    "CREATE INDEX defect_report_district_newest ON defect_report (municipality, district, created_at, id)",
    "CREATE INDEX defect_report_newest ON defect_report (municipality, created_at, id)",
    "CREATE INDEX defect_area_alert_circle ON defect_area_alert (municipality, lat, lon) WHERE district IS NULL",
]
BACKWARDS = [
    "DROP INDEX defect_area_alert_circle",
    "DROP INDEX defect_report_newest",
    "DROP INDEX defect_report_district_newest",
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
