"""Render a document job, in the worker subprocess or, for small documents, right away in the request."""

from __future__ import annotations

import asyncio
from typing import Any

from backend.documents import jobs
from backend.documents.tables import DocumentJob
from backend.settings import get_settings
from geo import clock

WAIT_FOR_OTHER_RENDERER = 30.0


async def run(job_id: int) -> None:
    """Render a claimed (running) job and record the outcome."""
    settings = get_settings()
    job = await DocumentJob.objects().where(DocumentJob.id == job_id).first()
    if job is None:
        return

    async def progress(percent: int, step: str) -> None:
        await DocumentJob.update({DocumentJob.progress: percent, DocumentJob.step: step[:200]}).where(
            DocumentJob.id == job_id
        )

    key = f"{job.kind}-{job.id}.pdf"
    try:
        pages = await jobs.BUILDERS[job.kind](job, settings, jobs.file_path(settings, key), progress)
    except Exception as error:
        failed: dict[Any, Any] = {DocumentJob.status: "failed", DocumentJob.error: repr(error)[:2000]}
        await DocumentJob.update(failed).where(DocumentJob.id == job_id)
        raise
    await DocumentJob.update(
        {
            DocumentJob.status: "done",
            DocumentJob.progress: 100,
            DocumentJob.step: "",
            DocumentJob.pages: pages,
            DocumentJob.file_key: key,
            DocumentJob.finished_at: clock.now(),
        }
    ).where(DocumentJob.id == job_id)


async def render_now(job: DocumentJob) -> DocumentJob:
    """For a small document: claim and render it while the person waits (or wait for whoever renders it)."""
    claimed = (
        await DocumentJob.update(
            {DocumentJob.status: "running", DocumentJob.started_at: clock.now(), DocumentJob.progress: 1}
        )
        .where((DocumentJob.id == job.id) & (DocumentJob.status == "queued"))
        .returning(DocumentJob.id)
    )
    if claimed:
        await run(job.id)
    else:
        deadline = asyncio.get_running_loop().time() + WAIT_FOR_OTHER_RENDERER
        while asyncio.get_running_loop().time() < deadline:
            current = await DocumentJob.select(DocumentJob.status).where(DocumentJob.id == job.id).first()
            if current is None or current["status"] in {"done", "failed"}:
                break
            await asyncio.sleep(0.2)
    refreshed = await DocumentJob.objects().where(DocumentJob.id == job.id).first()
    return refreshed or job
