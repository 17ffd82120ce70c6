"""The map and list of reports: filters, keyset pagination, and grid clusters computed in SQL.

Only what a map needs leaves the database (id, category, status, point); details come from the
report endpoint. Filters become one WHERE clause shared by the list, the count and the clusters.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from defects.categories import get_category
from defects.rules import Viewer, is_staff
from defects.tables import Category, Report
from defects.workflow import Group, group_of, statuses_in
from geo import geojson_out
from geo.bbox import BBox
from geo.clustering import grid_clusters
from geo.tables import Municipality
from moderation.hook import Visibility

MAX_LIMIT = 1000
CLUSTER_BELOW_ZOOM = 16  # from street level on, single points are shown


@dataclass(frozen=True)
class MapFilter:
    bbox: BBox | None = None
    category: str | None = None
    group: Group | None = None
    status: str | None = None
    district_id: int | None = None
    since: datetime | None = None
    until: datetime | None = None


async def _where(municipality: Municipality, viewer: Viewer, f: MapFilter) -> tuple[str, list[Any]]:
    clauses = ["municipality = {}", "confirmed_at IS NOT NULL"]
    args: list[Any] = [municipality.id]
    if not is_staff(viewer):
        clauses.append("visibility = {}")
        args.append(Visibility.PUBLIC.value)
    if f.bbox is not None:
        clauses.append("lat BETWEEN {} AND {} AND lon BETWEEN {} AND {}")
        args += [f.bbox.south, f.bbox.north, f.bbox.west, f.bbox.east]
    if f.category:
        category = await get_category(municipality.id, f.category)
        clauses.append("category = {}")
        args.append(category["id"])
    if f.group is not None:
        statuses = statuses_in(f.group)
        clauses.append(f"status IN ({', '.join('{}' for _ in statuses)})")
        args += statuses
    if f.status:
        clauses.append("status = {}")
        args.append(f.status)
    if f.district_id is not None:
        clauses.append("district = {}")
        args.append(f.district_id)
    if f.since is not None:
        clauses.append("created_at >= {}")
        args.append(f.since)
    if f.until is not None:
        clauses.append("created_at < {}")
        args.append(f.until)
    return " AND ".join(clauses), args


async def _category_codes(municipality_id: int) -> dict[int, str]:
    rows = await Category.select(Category.id, Category.code).where(Category.municipality == municipality_id)
    return {r["id"]: r["code"] for r in rows}


async def report_features(
    municipality: Municipality, viewer: Viewer, f: MapFilter, *, limit: int, cursor: int | None
) -> dict[str, Any]:
    """A page of reports as a GeoJSON FeatureCollection, newest first, with `total` and `next_cursor`."""
    where, args = await _where(municipality, viewer, f)
    table = Report._meta.tablename
    # The SQL text is built from constants only; every value is a bound parameter.
    total_rows = await Report.raw(f"SELECT COUNT(*) AS n FROM {table} WHERE {where}", *args)  # noqa: S608
    page_where, page_args = where, list(args)
    if cursor is not None:
        page_where += " AND id < {}"
        page_args.append(cursor)
    rows = await Report.raw(
        f"SELECT id, category, status, lat, lon FROM {table} WHERE {page_where} ORDER BY id DESC LIMIT {{}}",  # noqa: S608
        *page_args,
        limit + 1,
    )
    codes = await _category_codes(municipality.id)
    more = len(rows) > limit
    rows = rows[:limit]
    features = [
        geojson_out.feature(
            geojson_out.point(r["lon"], r["lat"]),
            {
                "id": r["id"],
                "category": codes.get(r["category"]),
                "status": r["status"],
                "status_group": group_of(r["status"]).value,
            },
            r["id"],
        )
        for r in rows
    ]
    return geojson_out.feature_collection(
        features, total=int(total_rows[0]["n"]), limit=limit, next_cursor=rows[-1]["id"] if more and rows else None
    )


async def cluster_features(municipality: Municipality, viewer: Viewer, f: MapFilter, *, zoom: int) -> dict[str, Any]:
    """Grid clusters for a zoomed-out map: one feature per occupied cell, with count and centroid."""
    where, args = await _where(municipality, viewer, f)
    clusters = await grid_clusters(Report, where, args, zoom)
    features = [
        geojson_out.feature(
            geojson_out.point(c.lon, c.lat),
            {"cluster": True, "count": c.count, **({"id": c.sample_id} if c.count == 1 else {})},
        )
        for c in clusters
    ]
    return geojson_out.feature_collection(features, total=sum(c.count for c in clusters), zoom=zoom, clustered=True)
