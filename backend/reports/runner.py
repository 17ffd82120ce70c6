"""Render a report job, in the worker subprocess or, for small reports, right away in the request."""

from __future__ import annotations

import asyncio
from typing import Any

from backend.reports import jobs
from backend.reports.kinds import load_builders
from backend.reports.tables import ReportJob
from backend.settings import get_settings
from geo import clock

WAIT_FOR_OTHER_RENDERER = 30.0


async def run(job_id: int) -> None:
    """Render a claimed (running) job and record the outcome."""
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
        failed: dict[Any, Any] = {ReportJob.status: "failed", ReportJob.error: repr(error)[:2000]}
        await ReportJob.update(failed).where(ReportJob.id == job_id)
        raise
    await ReportJob.update(
        {
            ReportJob.status: "done",
            ReportJob.progress: 100,
            ReportJob.step: "",
            ReportJob.pages: pages,
            ReportJob.file_key: key,
            ReportJob.finished_at: clock.now(),
        }
    ).where(ReportJob.id == job_id)


async def render_now(job: ReportJob) -> ReportJob:
    """For a small report: claim and render it while the person waits (or wait for whoever renders it)."""
    claimed = (
        await ReportJob.update({ReportJob.status: "running", ReportJob.started_at: clock.now(), ReportJob.progress: 1})
        .where((ReportJob.id == job.id) & (ReportJob.status == "queued"))
        .returning(ReportJob.id)
    )
    if claimed:
        await run(job.id)
    else:
        deadline = asyncio.get_running_loop().time() + WAIT_FOR_OTHER_RENDERER
        while asyncio.get_running_loop().time() < deadline:
            current = await ReportJob.select(ReportJob.status).where(ReportJob.id == job.id).first()
            if current is None or current["status"] in {"done", "failed"}:
                break
            await asyncio.sleep(0.2)
    refreshed = await ReportJob.objects().where(ReportJob.id == job.id).first()
    return refreshed or job
