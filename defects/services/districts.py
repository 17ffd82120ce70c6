"""Re-assigning reports to districts after the district shapes changed."""

from __future__ import annotations

from defects import mapcache
from defects.tables import Report
from geo import services as geo
from geo.schemas import Reassigned
from geo.tables import Municipality

BATCH = 500


async def reassign_report_districts(municipality: Municipality) -> Reassigned:
    """Set every placed report's district to the one at its point (none when no shape covers it).

    Reports filed by address alone (not placed) keep the district they were filed with: their point is only
    the district's or the town's. `updated_at` stays: the report itself did not change."""
    territory = await geo.territory_of(municipality)
    rows = await Report.select(Report.id, Report.lon, Report.lat, Report.district).where(
        (Report.municipality == municipality.id) & Report.placed.eq(True)
    )
    moves = territory.regroup(rows)
    async with Report._meta.db.transaction():
        for district_id, ids in moves.items():
            for start in range(0, len(ids), BATCH):
                await Report.update({Report.district: district_id}).where(Report.id.is_in(ids[start : start + BATCH]))
    if moves:
        mapcache.forget(municipality.id)
    return Reassigned(checked=len(rows), changed=sum(len(ids) for ids in moves.values()))
