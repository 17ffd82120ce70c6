from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-12-01T19:57:52:184270"
VERSION = "1.38.0"
DESCRIPTION = "Proposal images live in contribution_photo now (moved by the contributions migration before this one)"


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="proposals", description=DESCRIPTION
    )

    manager.drop_table(
        class_name="ProposalImage", tablename="proposal_image", schema=None
    )

    return manager
