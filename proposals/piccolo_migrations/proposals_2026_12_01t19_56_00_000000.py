from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-01T19:56:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Follows, notification settings and queued notices move to the shared contributions tables"

MOVES = [
    """INSERT INTO contribution_follow (content_type, content_id, "user", email, municipality, created_at)
       SELECT 'consultation', f.consultation, f."user", '', c.municipality, f.created_at
       FROM follow f JOIN consultation c ON c.id = f.consultation
       WHERE f.consultation IS NOT NULL""",
    """INSERT INTO contribution_follow (content_type, content_id, "user", email, municipality, created_at)
       SELECT 'proposal', f.proposal, f."user", '', c.municipality, f.created_at
       FROM follow f JOIN proposal p ON p.id = f.proposal JOIN consultation c ON c.id = p.consultation
       WHERE f.proposal IS NOT NULL""",
    """INSERT INTO contribution_notification_preference ("user", mode) SELECT "user", mode FROM notify_setting""",
    """INSERT INTO contribution_pending_notice
       ("user", municipality, content_type, content_id, text_de, text_en, link, created_at, sent_at)
       SELECT "user", municipality, '', NULL, text_de, text_en, link, created_at, sent_at FROM pending_notice""",
    "DROP TABLE follow",
    "DROP TABLE notify_setting",
    "DROP TABLE pending_notice",
]


class RawTable(Table):
    pass


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="proposals", description=DESCRIPTION)

    async def run():
        # One transaction per migration: the rows are copied before the old tables go, or nothing happens.
        for statement in MOVES:
            await RawTable.raw(statement)

    manager.add_raw(run)
    return manager
