from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete, OnUpdate
from piccolo.columns.column_types import ForeignKey, Serial, Text, Timestamptz
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table

ID = "2026-12-02T18:05:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Decision mails held for a quiet time, then sent as one mail per author (moderation_held_mail)"


class BaseUser(Table, tablename="piccolo_user", schema=None):
    id = Serial(null=False, primary_key=True, db_column_name="id")


class Municipality(Table, tablename="municipality", schema=None):
    id = Serial(null=False, primary_key=True, db_column_name="id")


def _params(**extra):
    return {
        "null": False,
        "primary_key": False,
        "unique": False,
        "index": False,
        "index_method": IndexMethod.btree,
        "choices": None,
        "db_column_name": None,
        "secret": False,
        **extra,
    }


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="moderation", description=DESCRIPTION)
    table = {"table_class_name": "HeldMail", "tablename": "moderation_held_mail", "schema": None}
    manager.add_table(class_name="HeldMail", tablename="moderation_held_mail", schema=None, columns=None)

    def column(name, cls, **params):
        manager.add_column(
            **table, column_name=name, db_column_name=name, column_class_name=cls.__name__, column_class=cls,
            params=_params(**params),
        )

    column("id", Serial, primary_key=True)
    fk = {"on_delete": OnDelete.cascade, "on_update": OnUpdate.cascade, "target_column": None}
    column("municipality", ForeignKey, references=Municipality, null=True, **fk)
    column("author", ForeignKey, references=BaseUser, null=True, index=True, **fk)
    column("mail", Text, default="")
    column("send_after", Timestamptz, default=TimestamptzNow(), index=True)
    column("created_at", Timestamptz, default=TimestamptzNow())
    return manager
