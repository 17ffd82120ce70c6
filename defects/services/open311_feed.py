"""Service requests for Open311: confirmed, public reports with what GeoReport v2 shows of them.

The app that sent a request also sees it while it waits (for the e-mailed confirmation or for moderation),
when it asks with its API key. One query per table for the whole page (reports, then notes, photos and
categories in bulk): no N+1.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from contributions import photos as contribution_photos
from defects.rules import handling_department
from defects.tables import Category, Report, StatusChange
from defects.workflow import Group, Status, statuses_in
from geo.tables import Department, Municipality
from moderation.hook import Visibility

MAX_REQUESTS = 1000


@dataclass(frozen=True)
class Note:
    """One step of the public history: the status it moved to, its public note, when."""

    id: int
    report_id: int
    status: str
    note: str
    at: datetime


@dataclass(frozen=True)
class FeedItem:
    report: dict[str, Any]
    category: dict[str, Any]
    last_note: str
    agency: str
    photo_url: str | None  # the first public photo, a path below the API
    pending: str | None = None  # for the sending app only: "confirmation" or "moderation"
    history: list[Note] = field(default_factory=list)


def _visible(municipality: Municipality, own_key: int | None) -> Any:
    public: Any = Report.confirmed_at.is_not_null() & (Report.visibility == Visibility.PUBLIC.value)
    if own_key is not None:
        public = public | ((Report.api_key == own_key) & (Report.visibility == Visibility.PENDING.value))
    return (Report.municipality == municipality.id) & public


async def public_requests(
    municipality: Municipality,
    *,
    ids: list[int] | None = None,
    service_codes: list[str] | None = None,
    groups: list[Group] | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
    limit: int = MAX_REQUESTS,
    own_key: int | None = None,
) -> list[FeedItem]:
    """Public requests; with `own_key`, also that key's requests still waiting (marked `pending`)."""
    query = (
        Report.select(*Report.all_columns())
        .where(_visible(municipality, own_key))
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
    history: dict[int, list[Note]] = {i: [] for i in report_ids}
    responsible: dict[int, str] = {}
    for change in (
        await StatusChange.select(
            StatusChange.id,
            StatusChange.report,
            StatusChange.to_status,
            StatusChange.note,
            StatusChange.responsible,
            StatusChange.created_at,
        )
        .where(StatusChange.report.is_in(report_ids))
        .order_by(StatusChange.id)
    ):
        history[change["report"]].append(
            Note(change["id"], change["report"], change["to_status"], change["note"], change["created_at"])
        )
        if change["to_status"] == Status.NOT_RESPONSIBLE.value and change["responsible"]:
            responsible[change["report"]] = change["responsible"]  # the latest one wins
    photos = await contribution_photos.listed(municipality.slug, "defect_report", report_ids)  # public ones
    items = []
    for r in reports:
        category = categories[r["category"]]
        agency = departments.get(handling_department(r, category), municipality.name)
        if r["status"] == Status.NOT_RESPONSIBLE.value and r["id"] in responsible:
            agency = responsible[r["id"]]  # the body named as responsible, not us
        notes = history[r["id"]]
        items.append(
            FeedItem(
                report=r,
                category=category,
                last_note=notes[-1].note if notes else "",
                agency=agency,
                photo_url=photos[r["id"]][0].url if photos[r["id"]] else None,
                pending=_pending(r),
                history=notes,
            )
        )
    return items


def _pending(report: dict[str, Any]) -> str | None:
    if report["confirmed_at"] is None:
        return "confirmation"
    if report["visibility"] != Visibility.PUBLIC.value:
        return "moderation"
    return None


async def request_updates(
    municipality: Municipality, *, start: datetime, end: datetime, limit: int = MAX_REQUESTS
) -> list[Note]:
    """Every public history step of public requests between start and end, oldest first (the
    `servicerequestupdates` extension FixMyStreet reads)."""
    rows = (
        await StatusChange.select(
            StatusChange.id,
            StatusChange.report,
            StatusChange.to_status,
            StatusChange.note,
            StatusChange.created_at,
        )
        .where(
            (StatusChange.report.municipality == municipality.id)
            & StatusChange.report.confirmed_at.is_not_null()
            & (StatusChange.report.visibility == Visibility.PUBLIC.value)
            & (StatusChange.created_at >= start)
            & (StatusChange.created_at <= end)
        )
        .order_by(StatusChange.created_at)
        .order_by(StatusChange.id)
        .limit(limit)
    )
    return [Note(r["id"], r["report"], r["to_status"], r["note"], r["created_at"]) for r in rows]


async def changeset(default: datetime) -> datetime:
    """When the service lists last changed (the newest category change), for the discovery document."""
    row = (
        await Category.select(Category.changed_at)
        .where(Category.changed_at.is_not_null())
        .order_by(Category.changed_at, ascending=False)
        .first()
    )
    return row["changed_at"] if row and row["changed_at"] else default
