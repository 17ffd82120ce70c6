"""Placing a report on the map: reports filed by address alone (Open311) get their real point from staff."""

from __future__ import annotations

from contributions.actor import Actor
from defects import mapcache
from defects.errors import NotYourDepartment
from defects.rules import handling_department, may_handle
from defects.services.categories import get_category_by_id
from defects.services.status_change import load_report
from defects.tables import Report
from geo import clock
from geo import services as geo
from geo.tables import Municipality


async def place_report(municipality: Municipality, report_id: int, viewer: Actor, *, lat: float, lon: float) -> None:
    """Set the report's point (inside the municipality) and its district; it now shows on the public map."""
    report = await load_report(municipality.id, report_id)
    category = await get_category_by_id(report["category"])
    if not may_handle(viewer, handling_department(report, category)):
        raise NotYourDepartment()
    territory = await geo.territory_of(municipality)
    territory.check_point(lon, lat)
    district = territory.district_at(lon, lat)
    await Report.update(
        {
            Report.lat: lat,
            Report.lon: lon,
            Report.placed: True,
            Report.district: district.id if district else report["district"],
            Report.updated_at: clock.now(),
        }
    ).where(Report.id == report_id)
    mapcache.forget(municipality.id)
