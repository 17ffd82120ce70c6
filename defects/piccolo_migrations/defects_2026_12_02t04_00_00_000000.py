from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete
from piccolo.columns.column_types import ForeignKey, Serial, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

ID = "2026-12-02T04:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Back office: when an Open311 key was last used, and reply templates for status changes"


class Municipality(Table, tablename="municipality", schema=None):
    id = Serial(primary_key=True)


class RawTable(Table):
    pass


class ReplyTemplate(Table, tablename="defect_reply_template"):
    id = Serial(primary_key=True)
    municipality = ForeignKey(references=Municipality, on_delete=OnDelete.cascade, index=True)
    name = Varchar(length=100)
    text = Text()
    created_at = Timestamptz(default=TimestamptzNow())
    updated_at = Timestamptz(default=TimestamptzNow())


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="defects", description=DESCRIPTION)
    async def run():
        await ReplyTemplate.create_table()
        await RawTable.raw("ALTER TABLE defect_api_key ADD COLUMN last_used_at TIMESTAMPTZ NULL")

    async def run_backwards():
        await RawTable.raw("ALTER TABLE defect_api_key DROP COLUMN last_used_at")
        await ReplyTemplate.alter().drop_table()

    manager.add_raw(run)
    manager.add_raw_backwards(run_backwards)
    return manager
