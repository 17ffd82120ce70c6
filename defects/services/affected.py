"""Duplicates while reporting: open reports nearby, and "betrifft mich auch" (count me as affected, and follow)."""

from __future__ import annotations

from datetime import timedelta

from piccolo.apps.user.tables import BaseUser

from contributions.actor import Actor
from defects.errors import AlreadyAffected, ReportClosed, ReportNotFound
from defects.rules import may_see
from defects.schemas import Nearby
from defects.services.categories import get_category, get_category_by_id
from defects.services.filing import follow
from defects.services.status_change import load_report
from defects.tables import Affected, Report
from defects.workflow import Group, group_of, statuses_in
from geo import clock
from geo.measure import degrees_around, metres_between
from geo.tables import Municipality
from moderation.hook import Visibility

NEARBY_DAYS = 90


async def nearby_open(municipality: Municipality, category_code: str, lat: float, lon: float) -> list[Nearby]:
    """Public open reports of the category within its duplicate radius from the last 90 days, nearest first."""
    category = await get_category(municipality.id, category_code)
    radius = float(category["duplicate_radius_m"])
    dlat, dlon = degrees_around(lat, radius)
    rows = await Report.select(
        Report.id, Report.status, Report.lat, Report.lon, Report.description, Report.affected_count, Report.created_at
    ).where(
        (Report.municipality == municipality.id)
        & (Report.category == category["id"])
        & (Report.visibility == Visibility.PUBLIC.value)
        & Report.confirmed_at.is_not_null()
        & Report.placed.eq(True)  # a provisional point (filed by address alone) is no neighbour
        & Report.status.is_in(statuses_in(Group.OPEN))
        & (Report.created_at >= clock.now() - timedelta(days=NEARBY_DAYS))
        & (Report.lat >= lat - dlat)
        & (Report.lat <= lat + dlat)
        & (Report.lon >= lon - dlon)
        & (Report.lon <= lon + dlon)
    )
    found = []
    for r in rows:
        distance = metres_between(lat, lon, r["lat"], r["lon"])
        if distance <= radius:
            found.append(
                Nearby(
                    id=r["id"],
                    category=category_code,
                    status=r["status"],
                    lat=r["lat"],
                    lon=r["lon"],
                    distance_m=round(distance),
                    description=r["description"][:300],
                    affected_count=r["affected_count"],
                    created_at=r["created_at"],
                )
            )
    return sorted(found, key=lambda n: n.distance_m)


async def mark_affected(municipality: Municipality, report_id: int, viewer: Actor) -> int:
    """Count the viewer as affected too and let them follow the report; returns the new count."""
    assert viewer.user_id is not None
    report = await load_report(municipality.id, report_id)
    if not may_see(viewer, report["visibility"], report["confirmed_at"] is not None):
        raise ReportNotFound()
    if group_of(report["status"]) == Group.CLOSED:
        raise ReportClosed()
    await get_category_by_id(report["category"])
    async with Report._meta.db.transaction():
        if await Affected.exists().where((Affected.report == report_id) & (Affected.user == viewer.user_id)):
            raise AlreadyAffected()
        await Affected(report=report_id, user=viewer.user_id).save()
        await Report.update({Report.affected_count: Report.affected_count + 1}).where(Report.id == report_id)
        account = await BaseUser.select(BaseUser.email).where(BaseUser.id == viewer.user_id).first()
        if account and account["email"]:
            await follow(report_id, account["email"], viewer.user_id)
        row = await Report.select(Report.affected_count).where(Report.id == report_id).first()
    assert row is not None
    return int(row["affected_count"])
