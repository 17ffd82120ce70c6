"""A database from before 'support' became 'affected' keeps every 'betrifft mich auch' and its count."""

from piccolo.apps.migrations.commands.forwards import run_forwards
from piccolo.apps.migrations.tables import Migration
from piccolo.table import Table

from defects.tables import Affected, Report
from tests.defects.factories import stored_report, town_with_categories
from tests.factories import INSIDE, person

RENAME = "2026-12-01T20:10:00:000000"


class Raw(Table):
    pass


async def test_supporters_of_an_old_database_become_affected_people(taunusstein):
    town = await town_with_categories(taunusstein)
    report_id = await stored_report(town, INSIDE["lat"], INSIDE["lon"])
    anna = await person("anna@example.org")
    # The shape before the rename: defect_supporter and support_count, the rename not yet recorded.
    await Raw.raw("DROP INDEX defect_affected_once")
    await Raw.raw("ALTER TABLE defect_report RENAME COLUMN affected_count TO support_count")
    await Raw.raw("ALTER TABLE defect_affected RENAME TO defect_supporter")
    await Raw.raw('CREATE UNIQUE INDEX defect_supporter_once ON defect_supporter (report, "user")')
    await Raw.raw(
        'INSERT INTO defect_supporter (report, "user", created_at) VALUES ({}, {}, CURRENT_TIMESTAMP)', report_id, anna
    )
    await Raw.raw("UPDATE defect_report SET support_count = 1 WHERE id = {}", report_id)
    await Migration.delete().where((Migration.app_name == "defects") & (Migration.name == RENAME))

    result = await run_forwards(app_name="all")

    assert result.success, result.message
    assert await Affected.select(Affected.report, Affected.user) == [{"report": report_id, "user": anna}]
    assert await Report.select(Report.affected_count).where(Report.id == report_id) == [{"affected_count": 1}]
