"""Piccolo app of the shared contribution layer."""

import os

from piccolo.conf.apps import AppConfig, table_finder

CURRENT_DIRECTORY = os.path.dirname(os.path.abspath(__file__))

APP_CONFIG = AppConfig(
    app_name="contributions",
    migrations_folder_path=os.path.join(CURRENT_DIRECTORY, "piccolo_migrations"),
    table_classes=table_finder(modules=["contributions.tables"], exclude_imported=True),
    # moderation first: the photo move rewrites moderation rows (see piccolo_migrations)
    migration_dependencies=["piccolo.apps.user.piccolo_app", "geo.piccolo_app", "moderation.piccolo_app"],
    commands=[],
)
