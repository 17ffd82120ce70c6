from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-11-21T11:55:23:000001"
VERSION = "1.38.0"
DESCRIPTION = "One vote per person and proposal/comment, one budget row and follow per person and target"

INDEXES = [
    ("proposal_vote_once", 'proposal_vote (proposal, "user")'),
    ("comment_vote_once", 'comment_vote (comment, "user")'),
    ("vote_budget_once", 'vote_budget (consultation, "user")'),
    ("follow_consultation_once", 'follow ("user", consultation)'),
    ("follow_proposal_once", 'follow ("user", proposal)'),
]


class RawTable(Table):
    pass


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="proposals", description=DESCRIPTION)

    async def run():
        # Piccolo has no composite unique constraint; these indexes work on SQLite and PostgreSQL alike.
        # The vote indexes are what make a double vote impossible even when two requests race.
        for name, target in INDEXES:
            await RawTable.raw(f"CREATE UNIQUE INDEX {name} ON {target}")
        await RawTable.raw("CREATE INDEX proposal_vote_user_consultation ON proposal_vote (\"user\", consultation)")

    async def run_backwards():
        for name, _ in INDEXES:
            await RawTable.raw(f"DROP INDEX {name}")
        await RawTable.raw("DROP INDEX proposal_vote_user_consultation")

    manager.add_raw(run)
    manager.add_raw_backwards(run_backwards)
    return manager
