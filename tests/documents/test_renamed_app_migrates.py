"""A database migrated while the documents app was still called "reports" migrates on and keeps its jobs."""

from piccolo.apps.migrations.commands.forwards import run_forwards
from piccolo.apps.migrations.tables import Migration
from piccolo.table import Table

from backend.documents.tables import DocumentJob

RENAME = "2026-12-01T20:00:00:000000"


class Raw(Table):
    pass


async def test_a_database_from_before_the_rename_keeps_its_jobs_and_migrates_on(taunusstein):
    # Put the database back into the shape the old app left it in: its migrations recorded as "reports",
    # the jobs in report_job.
    await Migration.delete().where((Migration.app_name == "documents") & (Migration.name == RENAME))
    await Migration.update({Migration.app_name: "reports"}).where(Migration.app_name == "documents")
    await Raw.raw("ALTER TABLE document_job RENAME TO report_job")
    await Raw.raw(
        "INSERT INTO report_job (municipality, kind, params, audience, status, progress, step, pages, file_key, error)"
        " VALUES ({}, 'defects-period', {}, 'public', 'done', 100, '', 3, 'defects-period-1.pdf', '')",
        taunusstein.id,
        "{}",
    )

    result = await run_forwards(app_name="all")

    assert result.success, result.message
    jobs = await DocumentJob.select(DocumentJob.kind, DocumentJob.pages, DocumentJob.file_key)
    assert jobs == [{"kind": "defects-period", "pages": 3, "file_key": "defects-period-1.pdf"}]
    recorded = await Migration.select(Migration.name).where(Migration.app_name == "documents")
    assert len(recorded) == 3
    assert await Migration.count().where(Migration.app_name == "reports") == 0
