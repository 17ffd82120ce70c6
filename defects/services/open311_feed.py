"""Public service requests for Open311: confirmed, public reports with what GeoReport v2 shows of them.

One query per table for the whole page (reports, then notes, photos and categories in bulk): no N+1.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from contributions import photos as contribution_photos
from defects.tables import Category, Report, StatusChange
from defects.workflow import Group, statuses_in
from geo.tables import Department, Municipality
from moderation.hook import Visibility

MAX_REQUESTS = 1000


@dataclass(frozen=True)
class FeedItem:
    report: dict[str, Any]
    category: dict[str, Any]
    last_note: str
    agency: str
    photo_url: str | None  # the first public photo, a path below the API


async def public_requests(
    municipality: Municipality,
    *,
    ids: list[int] | None = None,
    service_codes: list[str] | None = None,
    groups: list[Group] | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
    limit: int = MAX_REQUESTS,
) -> list[FeedItem]:
    query = (
        Report.select(*Report.all_columns())
        .where(
            (Report.municipality == municipality.id)
            & Report.confirmed_at.is_not_null()
            & (Report.visibility == Visibility.PUBLIC.value)
        )
        .order_by(Report.created_at, ascending=False)
        .limit(limit)
    )
    if ids is not None:
        query = query.where(Report.id.is_in(ids or [-1]))
    else:
        if service_codes:
            query = query.where(Report.category.code.is_in(service_codes))
        if groups:
            query = query.where(Report.status.is_in([s for g in groups for s in statuses_in(g)]))
        if start is not None:
            query = query.where(Report.created_at >= start)
        if end is not None:
            query = query.where(Report.created_at <= end)
    reports = await query
    if not reports:
        return []
    report_ids = [r["id"] for r in reports]
    categories = {
        c["id"]: c
        for c in await Category.select(*Category.all_columns()).where(Category.municipality == municipality.id)
    }
    departments = {
        d["id"]: d["name"]
        for d in await Department.select(Department.id, Department.name).where(
            Department.municipality == municipality.id
        )
    }
    notes: dict[int, str] = {}
    for change in (
        await StatusChange.select(StatusChange.report, StatusChange.note)
        .where(StatusChange.report.is_in(report_ids))
        .order_by(StatusChange.id)
    ):
        notes[change["report"]] = change["note"]  # the latest change wins
    photos = await contribution_photos.listed(municipality.slug, "defect_report", report_ids)  # public ones
    items = []
    for r in reports:
        category = categories[r["category"]]
        items.append(
            FeedItem(
                report=r,
                category=category,
                last_note=notes.get(r["id"], ""),
                agency=departments.get(category["department"], municipality.name),
                photo_url=photos[r["id"]][0].url if photos[r["id"]] else None,
            )
        )
    return items
