"""Render a document job, in the worker subprocess or, for small documents, right away in the request."""

from __future__ import annotations

import asyncio
from typing import Any

from backend.documents import jobs
from backend.documents.tables import DocumentJob
from backend.settings import get_settings
from geo import clock

WAIT_FOR_OTHER_RENDERER = 30.0
IN_REQUEST_RENDERS = 1  # per worker process; more wait for the background job loop
_rendering = 0  # this process's renders in requests right now (one event loop per process: no lock needed)


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
    """For a small document: claim and render it while the person waits (or wait for whoever renders it).

    A worker renders one document at a time in its own process: while it does, a further one stays queued for
    the background job loop (a subprocess) and comes back unfinished, for the caller to answer 202 and let the
    person poll. So parallel requests for new documents cannot pile CPU-bound layouts onto the event loop."""
    global _rendering
    if _rendering >= IN_REQUEST_RENDERS:
        return job
    _rendering += 1
    try:
        return await _claim_and_render(job)
    finally:
        _rendering -= 1


async def _claim_and_render(job: DocumentJob) -> DocumentJob:
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
