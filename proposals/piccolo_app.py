"""Piccolo app of participation: consultations, phases, proposals, comments, votes, follows."""

import os

from piccolo.conf.apps import AppConfig, table_finder

CURRENT_DIRECTORY = os.path.dirname(os.path.abspath(__file__))

APP_CONFIG = AppConfig(
    app_name="proposals",
    migrations_folder_path=os.path.join(CURRENT_DIRECTORY, "piccolo_migrations"),
    table_classes=table_finder(modules=["proposals.tables"], exclude_imported=True),
    # contributions first: its migration moves this app's photos before this app drops their old table
    migration_dependencies=["piccolo.apps.user.piccolo_app", "geo.piccolo_app", "contributions.piccolo_app"],
    commands=[],
)
