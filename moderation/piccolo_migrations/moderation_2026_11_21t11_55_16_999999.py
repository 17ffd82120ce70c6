from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-11-21T11:55:16:999999"
VERSION = "1.38.0"
DESCRIPTION = "Moderation: one item per content, one flag per person, and the queue's composite indexes"

INDEXES = [
    # submit() finds an item by content; one item per piece of content.
    "CREATE UNIQUE INDEX moderation_item_content ON moderation_item (content_type, content_id)",
    # The queue: items of one municipality that wait, oldest first (keyset pagination on queued_at, id).
    "CREATE INDEX moderation_item_queue ON moderation_item (municipality, queued, queued_at, id)",
    # The queue filtered by type or consultation keeps the same order.
    "CREATE INDEX moderation_item_queue_type ON moderation_item (municipality, queued, content_type, queued_at, id)",
    "CREATE INDEX moderation_item_queue_context ON moderation_item (municipality, queued, context_id, queued_at, id)",
    # Bursts and the trust rule count an author's recent items.
    "CREATE INDEX moderation_item_author_created ON moderation_item (author, created_at)",
    'CREATE UNIQUE INDEX moderation_flag_item_user ON moderation_flag (item, "user")',
    "CREATE INDEX moderation_audit_municipality_id ON moderation_audit (municipality, id)",
    "CREATE INDEX moderation_decision_report ON moderation_decision (municipality, context_id, created_at)",
    "CREATE UNIQUE INDEX moderation_policy_scope ON moderation_policy (municipality, content_type, context_id)",
]
NAMES = [statement.split(" INDEX ")[1].split(" ")[0] for statement in INDEXES]


class RawTable(Table):
    pass


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="moderation", description=DESCRIPTION)

    async def run():
        for statement in INDEXES:
            await RawTable.raw(statement)

    async def run_backwards():
        for name in NAMES:
            await RawTable.raw(f"DROP INDEX {name}")

    manager.add_raw(run)
    manager.add_raw_backwards(run_backwards)
    return manager
