"""Queue, run and look up document jobs.

A job is rendered by a subprocess (`python -m backend.documents.worker JOB_ID`): WeasyPrint's layout is
CPU-bound Python and would stall the API's event loop; a process of its own also gives its memory back
when it ends. Each app worker runs one job at a time; a guarded UPDATE makes sure a job runs once.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from backend.documents.tables import DocumentJob
from backend.settings import PROJECT_ROOT, Settings
from geo import clock

log = logging.getLogger(__name__)

Progress = Callable[[int, str], Awaitable[None]]
# kind -> builder(job, settings, target path, progress) -> number of pages
Builder = Callable[[DocumentJob, Settings, Path, Progress], Awaitable[int]]
BUILDERS: dict[str, Builder] = {}
STALE_RUN = timedelta(minutes=30)


def register(kind: str, builder: Builder) -> None:
    BUILDERS[kind] = builder


def params_key(params: dict[str, Any]) -> str:
    return json.dumps(params, sort_keys=True, ensure_ascii=False)


async def find(kind: str, municipality_id: int, params: dict[str, Any], *, audience: str) -> DocumentJob | None:
    """The newest usable job for these params (queued, running or done): its file is reused, nothing rendered."""
    return (
        await DocumentJob.objects()
        .where(
            (DocumentJob.kind == kind)
            & (DocumentJob.municipality == municipality_id)
            & (DocumentJob.params == params_key(params))
            & (DocumentJob.audience == audience)
            & DocumentJob.status.is_in(["queued", "running", "done"])
        )
        .order_by(DocumentJob.id, ascending=False)
        .first()
    )


async def request(
    kind: str, municipality_id: int, params: dict[str, Any], *, audience: str, requested_by: int | None
) -> DocumentJob:
    """The newest usable job for these params (queued, running or done), or a new queued one."""
    existing = await find(kind, municipality_id, params, audience=audience)
    if existing is not None:
        return existing
    key = params_key(params)
    job = DocumentJob(kind=kind, municipality=municipality_id, params=key, audience=audience, requested_by=requested_by)
    await job.save()
    return job


async def get(job_id: int, municipality_id: int) -> DocumentJob | None:
    return (
        await DocumentJob.objects()
        .where((DocumentJob.id == job_id) & (DocumentJob.municipality == municipality_id))
        .first()
    )


async def claim_next() -> int | None:
    now = clock.now()
    candidate = (
        await DocumentJob.select(DocumentJob.id)
        .where(
            (DocumentJob.status == "queued")
            | ((DocumentJob.status == "running") & (DocumentJob.started_at < now - STALE_RUN))
        )
        .order_by(DocumentJob.id)
        .first()
    )
    if candidate is None:
        return None
    claimed = (
        await DocumentJob.update({DocumentJob.status: "running", DocumentJob.started_at: now, DocumentJob.progress: 1})
        .where(
            (DocumentJob.id == candidate["id"])
            & ((DocumentJob.status == "queued") | (DocumentJob.started_at < now - STALE_RUN))
        )
        .returning(DocumentJob.id)
    )
    return int(claimed[0]["id"]) if claimed else None


async def run_in_subprocess(job_id: int) -> int:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "backend.documents.worker", str(job_id), cwd=str(PROJECT_ROOT)
    )
    return await process.wait()


async def run_jobs(stop: asyncio.Event, poll_seconds: float = 1.0) -> None:
    """Background loop of one app worker; ends between two jobs once `stop` is set."""
    while not stop.is_set():
        try:
            job_id = await claim_next()
            if job_id is not None:
                code = await run_in_subprocess(job_id)
                if code != 0:
                    await DocumentJob.update(
                        {DocumentJob.status: "failed", DocumentJob.error: f"worker exited with {code}"}
                    ).where((DocumentJob.id == job_id) & (DocumentJob.status == "running"))
                continue
        except Exception:
            log.exception("Document job loop failed; retrying")
        try:
            await asyncio.wait_for(stop.wait(), timeout=poll_seconds)
        except TimeoutError:
            pass


def file_path(settings: Settings, key: str) -> Path:
    # The folder kept its name from before the rename to "documents": finished jobs point into it.
    return settings.media_dir / "reports" / key
