"""Piccolo app of surveys: surveys, responses, answered marks, invitation codes, drafts, e-mail codes."""

import os

from piccolo.conf.apps import AppConfig, table_finder

CURRENT_DIRECTORY = os.path.dirname(os.path.abspath(__file__))

APP_CONFIG = AppConfig(
    app_name="surveys",
    migrations_folder_path=os.path.join(CURRENT_DIRECTORY, "piccolo_migrations"),
    table_classes=table_finder(modules=["surveys.tables"], exclude_imported=True),
    migration_dependencies=["piccolo.apps.user.piccolo_app", "geo.piccolo_app"],
    commands=[],
)
