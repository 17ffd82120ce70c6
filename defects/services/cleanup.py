"""Unconfirmed reports are forgotten after a while: their data (and photo files) were never meant to stay."""

from __future__ import annotations

from datetime import datetime, timedelta

from defects.tables import Photo, Report
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
    keys = [p["key"] for p in await Photo.select(Photo.key).where(Photo.report.is_in(ids))]
    async with Report._meta.db.transaction():
        await Report.delete().where(Report.id.is_in(ids))  # photos, followers … cascade
    for key in keys:  # after the commit: a failed delete leaves a file, never a row without its file
        store.delete(key)
    return len(ids)
