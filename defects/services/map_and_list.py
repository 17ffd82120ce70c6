"""The map and list of reports: filters, keyset pagination, and grid clusters computed in SQL.

Only what a map needs leaves the database (id, category, status, point); details come from the
report endpoint. Filters become one WHERE clause shared by the list, the count and the clusters.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from contributions import photos
from contributions.actor import Actor
from defects import mapcache, mapcells
from defects.rules import is_staff
from defects.services.categories import get_category
from defects.tables import Category, Report
from defects.workflow import Group, group_of, statuses_in
from geo import geojson_out, paging
from geo.bbox import BBox
from geo.clock import aware
from geo.clustering import Cluster, cell_size, grid_clusters
from geo.tables import Municipality
from moderation.hook import Visibility

MAX_LIMIT = 1000  # map points of one view: a street-level bbox; the list pages with the shared cursor
CLUSTER_BELOW_ZOOM = 16  # from street level on, single points are shown
# Below this many matches, the page is sorted after filtering: PostgreSQL would otherwise walk the primary key
# backwards through a million rows to find the newest few thousand inside a small bounding box.
SORT_AFTER_FILTER_BELOW = 50_000


@dataclass(frozen=True)
class MapFilter:
    bbox: BBox | None = None
    category: str | None = None
    group: Group | None = None
    status: str | None = None
    district_id: int | None = None
    since: datetime | None = None
    until: datetime | None = None


async def _where(municipality: Municipality, viewer: Actor, f: MapFilter) -> tuple[str, list[Any]]:
    clauses = ["municipality = {}", "confirmed_at IS NOT NULL"]
    args: list[Any] = [municipality.id]
    if not is_staff(viewer):
        clauses.append("visibility = {}")
        args.append(Visibility.PUBLIC.value)
        # Filed by address alone (Open311): its point is only provisional until staff place it.
        clauses.append("placed = {}")
        args.append(True)
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


EXCERPT_CHARS = 140


async def report_features(
    municipality: Municipality,
    viewer: Actor,
    f: MapFilter,
    *,
    limit: int,
    cursor: str | None,
    details: bool = False,
) -> dict[str, Any]:
    """A page of reports as a GeoJSON FeatureCollection, newest first, with `total` and `next_cursor`.

    With `details` (the list, not the map): also the day, street, district, an excerpt and the first photo's
    thumbnail that the viewer may see, in two more queries for the whole page."""
    where, args = await _where(municipality, viewer, f)
    table = Report._meta.tablename
    # The SQL text is built from constants only; every value is a bound parameter.
    count_key = (municipality.id, "count", where, *args)
    total = mapcache.get(count_key)
    if total is None:
        rows = await Report.raw(f"SELECT COUNT(*) AS n FROM {table} WHERE {where}", *args)  # noqa: S608
        total = int(rows[0]["n"])
        mapcache.put(count_key, total, total)
    page_where, page_args = where, list(args)
    if cursor:
        _, last_id = paging.decode_as(cursor, int)
        page_where += " AND id < {}"
        page_args.append(last_id)
    # The category code comes from a correlated subquery on its primary key: one round trip for the page.
    code = f"(SELECT c.code FROM {Category._meta.tablename} c WHERE c.id = r.category) AS code"  # noqa: S608
    select = f"SELECT r.id, r.status, r.lat, r.lon, {code} FROM {table} r"  # noqa: S608
    order = "r.id + 0" if total < SORT_AFTER_FILTER_BELOW else "r.id"  # "+ 0": not the primary key's order
    rows = await Report.raw(
        f"{select} WHERE {page_where} ORDER BY {order} DESC LIMIT {{}}",
        *page_args,
        limit + 1,
    )
    rows, next_cursor = paging.cut(rows, limit, lambda r: (r["id"], r["id"]))
    extra = await _details(municipality, viewer, [r["id"] for r in rows]) if details else {}
    features = [
        geojson_out.feature(
            geojson_out.point(r["lon"], r["lat"]),
            {
                "id": r["id"],
                "category": r["code"],
                "status": r["status"],
                "status_group": group_of(r["status"]).value,
                **extra.get(r["id"], {}),
            },
            r["id"],
        )
        for r in rows
    ]
    return geojson_out.feature_collection(features, total=total, limit=limit, next_cursor=next_cursor)


async def _details(municipality: Municipality, viewer: Actor, ids: list[int]) -> dict[int, dict[str, Any]]:
    if not ids:
        return {}
    rows = await Report.select(
        Report.id,
        Report.created_at,
        Report.address,
        Report.description,
        Report.district.name.as_alias("district"),
        Report.category.name_de.as_alias("category_name_de"),
        Report.category.name_en.as_alias("category_name_en"),
    ).where(Report.id.is_in(ids))
    shown = await photos.listed(
        municipality.slug, "defect_report", ids, everything=is_staff(viewer), own=viewer.user_id
    )
    out: dict[int, dict[str, Any]] = {}
    for row in rows:
        text = " ".join(str(row["description"] or "").split())
        first = shown.get(row["id"]) or []
        out[row["id"]] = {
            "created_at": aware(row["created_at"]).isoformat(),
            "category_name_de": row["category_name_de"],
            "category_name_en": row["category_name_en"],
            "address": row["address"] or "",
            "district": row["district"],
            "excerpt": text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1].rstrip() + "…",
            "thumb_url": first[0].thumb_url if first else None,
        }
    return out


async def cluster_features(municipality: Municipality, viewer: Actor, f: MapFilter, *, zoom: int) -> dict[str, Any]:
    """Grid clusters for a zoomed-out map: one feature per occupied cell, with count and centroid.

    Read from the cell counts (defects/mapcells.py) unless a date filter asks for what they do not hold; cached
    under the town's map version and the range of cells, so any worker's write makes every cached answer old."""
    if f.since is None and f.until is None:
        cells = mapcells.cell_range(f.bbox, zoom) if f.bbox is not None else None
        cell_filter = await _cell_filter(municipality, viewer, f)
        version = await mapcells.version(municipality.id)
        key: tuple[Any, ...] = (municipality.id, "cells", version, zoom, cells, cell_filter)
        answer = await mapcache.aget(key)
        if answer is None:
            answer = _cluster_collection(await mapcells.clusters(cell_filter, zoom, cells), zoom)
            await mapcache.aput(key, answer, answer["total"])
        return answer
    # A date filter: grouped from the reports themselves.
    if f.bbox is not None:
        f = replace(f, bbox=snap_to_grid(f.bbox, cell_size(zoom)))
    where, args = await _where(municipality, viewer, f)
    key = (municipality.id, "clusters", zoom, where, *args)
    clusters = mapcache.get(key)
    if clusters is None:
        clusters = await grid_clusters(Report, where, args, zoom, sample_columns=("status",))
        mapcache.put(key, clusters, sum(c.count for c in clusters))
    return _cluster_collection(clusters, zoom)


def _cluster_collection(clusters: list[Cluster], zoom: int) -> dict[str, Any]:
    features = [
        geojson_out.feature(
            geojson_out.point(c.lon, c.lat),
            {"cluster": True, "count": c.count, **(_single(c) if c.count == 1 else {})},
        )
        for c in clusters
    ]
    return geojson_out.feature_collection(features, total=sum(c.count for c in clusters), zoom=zoom, clustered=True)


async def _cell_filter(municipality: Municipality, viewer: Actor, f: MapFilter) -> mapcells.CellFilter:
    category_id = (await get_category(municipality.id, f.category))["id"] if f.category else None
    statuses: tuple[str, ...] = tuple(statuses_in(f.group)) if f.group is not None else ()
    if f.status:
        # Both filters: the statuses in both (none at all when they do not meet).
        statuses = (f.status,) if not statuses or f.status in statuses else ("",)
    return mapcells.CellFilter(
        municipality_id=municipality.id,
        everything=is_staff(viewer),
        category_id=category_id,
        statuses=statuses,
        district_id=f.district_id,
    )


def _single(cluster: Cluster) -> dict[str, Any]:
    status = str(cluster.sample["status"])
    return {"id": cluster.sample_id, "status": status, "status_group": group_of(status).value}


def snap_to_grid(bbox: BBox, cell: float) -> BBox:
    """Widen a viewport to whole grid cells: clusters at the edge stay whole, and a slightly moved map asks
    the same question again (which the cache can answer)."""

    def down(value: float, offset: float) -> float:
        return math.floor((value + offset) / cell) * cell - offset

    def up(value: float, offset: float) -> float:
        return math.ceil((value + offset) / cell) * cell - offset

    return BBox(
        west=max(-180.0, down(bbox.west, 180.0)),
        south=max(-90.0, down(bbox.south, 90.0)),
        east=min(180.0, up(bbox.east, 180.0)),
        north=min(90.0, up(bbox.north, 90.0)),
    )


def share_cache_through(store: Any, *, enabled: bool = True) -> None:
    """Where cluster answers are remembered: a shared store (Redis), this process (None), or nowhere."""
    mapcache.share_through(store, enabled=enabled)


async def recount_map() -> None:
    """Count the map's cells afresh from the reports (after a bulk load, or as a repair)."""
    await mapcells.rebuild()
