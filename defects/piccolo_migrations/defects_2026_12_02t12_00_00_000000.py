from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-02T12:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "The resident's word after erledigt: updates to a report, reopening, the fix question, and area alerts"


class RawTable(Table):
    pass


# Plain SQL that SQLite and PostgreSQL both run; only the id columns of the new tables differ.
TABLES = {
    "defect_report_update": (
        "report INTEGER NOT NULL REFERENCES defect_report (id) ON DELETE CASCADE, "
        "municipality INTEGER NOT NULL REFERENCES municipality (id) ON DELETE CASCADE, "
        "author INTEGER NULL REFERENCES piccolo_user (id) ON DELETE SET NULL, "
        "text TEXT NOT NULL DEFAULT '', "
        "visibility VARCHAR(10) NOT NULL DEFAULT 'pending', "
        "created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP"
    ),
    "defect_fix_question": (
        "report INTEGER NOT NULL REFERENCES defect_report (id) ON DELETE CASCADE, "
        "municipality INTEGER NOT NULL REFERENCES municipality (id) ON DELETE CASCADE, "
        "department INTEGER NULL REFERENCES department (id) ON DELETE SET NULL, "
        "token_hash VARCHAR(64) NOT NULL UNIQUE, "
        "answer VARCHAR(10) NOT NULL DEFAULT '', "
        "comment TEXT NOT NULL DEFAULT '', "
        "asked_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP, "
        "answered_at TIMESTAMPTZ NULL"
    ),
    "defect_area_alert": (
        "municipality INTEGER NOT NULL REFERENCES municipality (id) ON DELETE CASCADE, "
        '"user" INTEGER NOT NULL REFERENCES piccolo_user (id) ON DELETE CASCADE, '
        "label VARCHAR(200) NOT NULL DEFAULT '', "
        "district INTEGER NULL REFERENCES district (id) ON DELETE CASCADE, "
        "lat DOUBLE PRECISION NULL, "
        "lon DOUBLE PRECISION NULL, "
        "radius_m INTEGER NULL, "
        "created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP"
    ),
}
FORWARDS = [
    "ALTER TABLE defect_report ADD COLUMN reopened_at TIMESTAMPTZ NULL",
    "ALTER TABLE defect_report ADD COLUMN alerted_at TIMESTAMPTZ NULL",
    # Reports older than the alerts never trigger one.
    "UPDATE defect_report SET alerted_at = created_at",
    "CREATE INDEX defect_report_update_report ON defect_report_update (report)",
    "CREATE INDEX defect_report_update_author ON defect_report_update (author)",
    "CREATE INDEX defect_fix_question_report ON defect_fix_question (report)",
    "CREATE INDEX defect_fix_question_municipality ON defect_fix_question (municipality)",
    "CREATE INDEX defect_area_alert_municipality ON defect_area_alert (municipality, district)",
    'CREATE INDEX defect_area_alert_user ON defect_area_alert ("user")',
    # The reports still waiting for their alerts: a small partial index (both engines know partial indexes).
    "CREATE INDEX defect_report_alert_pending ON defect_report (municipality) WHERE alerted_at IS NULL",
]
BACKWARDS = [
    "DROP TABLE defect_area_alert",
    "DROP TABLE defect_fix_question",
    "DROP TABLE defect_report_update",
    "DROP INDEX defect_report_alert_pending",
    "ALTER TABLE defect_report DROP COLUMN alerted_at",
    "ALTER TABLE defect_report DROP COLUMN reopened_at",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="defects", description=DESCRIPTION)

    async def run():
        serial = "INTEGER PRIMARY KEY" if RawTable._meta.db.engine_type == "sqlite" else "SERIAL PRIMARY KEY"
        for name, columns in TABLES.items():
            await RawTable.raw(f"CREATE TABLE {name} (id {serial}, {columns})")
        for statement in FORWARDS:
            await RawTable.raw(statement)

    async def run_backwards():
        for statement in BACKWARDS:
            await RawTable.raw(statement)

    manager.add_raw(run)
    manager.add_raw_backwards(run_backwards)
    return manager
