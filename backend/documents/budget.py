"""How many new documents may be rendered: a window of DocumentJob rows, counted in the database (all workers).

Reusing a finished file costs nothing and is never limited. New renders are: per municipality for the public
statistics periods (which are finite and each rendered once, so the budget only paces a first sweep), and per
account for the periods only the municipality's people may ask for.
"""

from __future__ import annotations

from datetime import timedelta

from backend.documents.tables import DocumentJob
from geo import clock

WINDOW = timedelta(minutes=10)
PUBLIC_RENDERS = 30  # new public renders per municipality and kind in WINDOW
PERSONAL_RENDERS = 20  # new renders per account in WINDOW


async def retry_after(kind: str, municipality_id: int, requested_by: int | None) -> int | None:
    """None when one more render fits, else the seconds until the oldest render in the window leaves it."""
    recent = DocumentJob.created_at > clock.now() - WINDOW
    if requested_by is None:
        where = (
            recent
            & (DocumentJob.kind == kind)
            & (DocumentJob.municipality == municipality_id)
            & DocumentJob.requested_by.is_null()
        )
        limit = PUBLIC_RENDERS
    else:
        where = recent & (DocumentJob.requested_by == requested_by)
        limit = PERSONAL_RENDERS
    if await DocumentJob.count().where(where) < limit:
        return None
    oldest = await DocumentJob.select(DocumentJob.created_at).where(where).order_by(DocumentJob.created_at).first()
    leaves = (clock.aware(oldest["created_at"]) if oldest else clock.now()) + WINDOW
    return max(1, int((leaves - clock.now()).total_seconds()) + 1)
