from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-12-01T19:57:54:061623"
VERSION = "1.38.0"
DESCRIPTION = "Defect photos live in contribution_photo now (moved by the contributions migration before this one)"


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="defects", description=DESCRIPTION
    )

    manager.drop_table(class_name="Photo", tablename="defect_photo", schema=None)

    return manager
