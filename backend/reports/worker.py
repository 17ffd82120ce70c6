"""Render one report job: `python -m backend.reports.worker JOB_ID` (started by the job loop)."""

from __future__ import annotations

import asyncio
import sys
from datetime import UTC, datetime

import backend  # noqa: F401  (sets PICCOLO_CONF)
from backend.reports import jobs
from backend.reports.tables import ReportJob
from backend.settings import get_settings


async def render(job_id: int) -> None:
    from backend.reports.kinds import load_builders

    load_builders()
    settings = get_settings()
    job = await ReportJob.objects().where(ReportJob.id == job_id).first()
    if job is None:
        return

    async def progress(percent: int, step: str) -> None:
        await ReportJob.update({ReportJob.progress: percent, ReportJob.step: step[:200]}).where(ReportJob.id == job_id)

    key = f"{job.kind}-{job.id}.pdf"
    try:
        pages = await jobs.BUILDERS[job.kind](job, settings, jobs.file_path(settings, key), progress)
    except Exception as error:
        await ReportJob.update({ReportJob.status: "failed", ReportJob.error: repr(error)[:2000]}).where(
            ReportJob.id == job_id
        )
        raise
    await ReportJob.update(
        {
            ReportJob.status: "done",
            ReportJob.progress: 100,
            ReportJob.step: "",
            ReportJob.pages: pages,
            ReportJob.file_key: key,
            ReportJob.finished_at: datetime.now(UTC),
        }
    ).where(ReportJob.id == job_id)


if __name__ == "__main__":
    asyncio.run(render(int(sys.argv[1])))
