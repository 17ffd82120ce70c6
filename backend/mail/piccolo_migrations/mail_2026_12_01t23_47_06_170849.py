from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Timestamptz
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-01T23:47:06:170849"
VERSION = "1.38.0"
DESCRIPTION = "Mail retries back off: next_attempt_at"


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="mail", description=DESCRIPTION
    )

    manager.add_column(
        table_class_name="OutgoingMail",
        tablename="outgoing_mail",
        column_name="next_attempt_at",
        db_column_name="next_attempt_at",
        column_class_name="Timestamptz",
        column_class=Timestamptz,
        params={
            "default": None,
            "null": True,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    return manager
