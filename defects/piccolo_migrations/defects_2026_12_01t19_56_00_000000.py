from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-01T19:56:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Report followers move to the shared contributions follow table"

MOVES = [
    # Followers with an account follow as that person (mail goes to the account's address, and their
    # notification preference applies); the others by address. The old table had no date: the report's is used.
    """INSERT INTO contribution_follow (content_type, content_id, "user", email, municipality, created_at)
       SELECT 'defect_report', f.report, f."user", '', r.municipality, r.created_at
       FROM defect_follower f JOIN defect_report r ON r.id = f.report
       WHERE f."user" IS NOT NULL
       GROUP BY f.report, f."user", r.municipality, r.created_at""",
    """INSERT INTO contribution_follow (content_type, content_id, "user", email, municipality, created_at)
       SELECT 'defect_report', f.report, NULL, LOWER(f.email), r.municipality, r.created_at
       FROM defect_follower f JOIN defect_report r ON r.id = f.report
       WHERE f."user" IS NULL AND f.email <> ''
       GROUP BY f.report, LOWER(f.email), r.municipality, r.created_at""",
    "DROP TABLE defect_follower",
]


class RawTable(Table):
    pass


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="defects", description=DESCRIPTION)

    async def run():
        for statement in MOVES:
            await RawTable.raw(statement)

    manager.add_raw(run)
    return manager
