"""Piccolo app of the mail outbox."""

import os

from piccolo.conf.apps import AppConfig, table_finder

CURRENT_DIRECTORY = os.path.dirname(os.path.abspath(__file__))

APP_CONFIG = AppConfig(
    app_name="mail",
    migrations_folder_path=os.path.join(CURRENT_DIRECTORY, "piccolo_migrations"),
    table_classes=table_finder(modules=["backend.mail.tables"], exclude_imported=True),
    migration_dependencies=["geo.piccolo_app"],
    commands=[],
)
