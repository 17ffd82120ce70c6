"""Unconfirmed reports are forgotten after a while: their data (and photo files) were never meant to stay."""

from __future__ import annotations

from datetime import datetime, timedelta

from contributions import photos
from defects.tables import Report, ReportUpdate
from geo import clock
from media.photos import PhotoStore

UNCONFIRMED_DAYS = 7


async def purge_unconfirmed(
    store: PhotoStore, *, older_than: timedelta = timedelta(days=UNCONFIRMED_DAYS), now: datetime | None = None
) -> int:
    """Delete reports whose confirmation link was not opened in time, with their photos; returns how many."""
    cutoff = (now or clock.now()) - older_than
    stale = Report.confirmed_at.is_null() & (Report.created_at < cutoff)
    ids = [r["id"] for r in await Report.select(Report.id).where(stale)]
    if not ids:
        return 0
    async with Report._meta.db.transaction():
        keys = await photos.detach("defect_report", ids)
        keys += await photos.detach("defect_report_after", ids)  # staff's "nachher" photos
        updates = [r["id"] for r in await ReportUpdate.select(ReportUpdate.id).where(ReportUpdate.report.is_in(ids))]
        keys += await photos.detach("defect_update", updates)  # residents' updates (cascade with the report)
        await Report.delete().where(Report.id.is_in(ids))  # followers, supporters … cascade
    await photos.discard(store, keys)  # after the commit: a failed delete leaves a file, never a row without it
    return len(ids)
