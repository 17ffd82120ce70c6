"""Piccolo app of the scheduled jobs (one row per job: its lease, its last run, its next run)."""

import os

from piccolo.conf.apps import AppConfig, table_finder

CURRENT_DIRECTORY = os.path.dirname(os.path.abspath(__file__))

APP_CONFIG = AppConfig(
    app_name="schedule",
    migrations_folder_path=os.path.join(CURRENT_DIRECTORY, "piccolo_migrations"),
    table_classes=table_finder(modules=["backend.schedule.tables"], exclude_imported=True),
    migration_dependencies=[],
    commands=[],
)
