"""Map clusters from the cell counts: a zoomed-out map of a million reports reads a few thousand rows.

The counts (defect_map_cell) are kept by triggers on defect_report in every writing transaction, whichever
code path writes (defects/mapcells_sql.py), at the finest clustering zoom and a few coarser ones rolled up from
it; any other zoom rolls up from the next finer kept level at read time. A viewport becomes a range of whole
cells, so a slightly moved map asks the same question again.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from defects.mapcells_sql import FINEST, LEVELS, TABLE, VERSION_TABLE, fresh_counts_sql, rebuild_statements
from defects.tables import MapCell
from geo.bbox import BBox
from geo.clustering import Cluster, cell_size


@dataclass(frozen=True, slots=True)
class CellRange:
    """Whole cells of one zoom: rows south..north, columns west..east (inclusive)."""

    zoom: int
    south: int
    north: int
    west: int
    east: int


def cell_range(bbox: BBox, zoom: int) -> CellRange:
    cell = cell_size(zoom)
    return CellRange(
        zoom=zoom,
        south=math.floor((bbox.south + 90.0) / cell),
        north=math.floor((bbox.north + 90.0) / cell),
        west=math.floor((bbox.west + 180.0) / cell),
        east=math.floor((bbox.east + 180.0) / cell),
    )


def level_for(zoom: int) -> int:
    """The coarsest kept level at least as fine as `zoom` (zooms past the finest read the finest)."""
    return min((level for level in LEVELS if level >= zoom), default=FINEST)


@dataclass(frozen=True, slots=True)
class CellFilter:
    """What the cell table can answer: everything of the public map's filters but the dates."""

    municipality_id: int
    everything: bool  # staff: unplaced and not-yet-public reports too
    category_id: int | None = None
    statuses: tuple[str, ...] = ()
    district_id: int | None = None


async def clusters(f: CellFilter, zoom: int, cells: CellRange | None) -> list[Cluster]:
    """One cluster per occupied cell of `zoom` (inside `cells` when given), with count, centroid and, for a lone
    report, its id and status."""
    zoom = min(zoom, FINEST)
    level = level_for(zoom)
    shift = level - zoom
    clauses = ["municipality = {}", "level = {}", "n > 0"]
    args: list[Any] = [f.municipality_id, level]
    if cells is not None:
        clauses.append("gy BETWEEN {} AND {} AND gx BETWEEN {} AND {}")
        args += [
            cells.south << shift,
            ((cells.north + 1) << shift) - 1,
            cells.west << shift,
            ((cells.east + 1) << shift) - 1,
        ]
    if not f.everything:
        clauses.append("shown = 1")
    if f.category_id is not None:
        clauses.append("category = {}")
        args.append(f.category_id)
    if f.statuses:
        clauses.append(f"status IN ({', '.join('{}' for _ in f.statuses)})")
        args += list(f.statuses)
    if f.district_id is not None:
        clauses.append("district = {}")
        args.append(f.district_id)
    # Identifiers and the shift are constants of our code; every value is a bound parameter.
    sql = (
        f"SELECT gy >> {shift} AS cy, gx >> {shift} AS cx, SUM(n) AS n, SUM(sum_lat) AS slat, "  # noqa: S608
        "SUM(sum_lon) AS slon, SUM(sum_id) AS sid, MIN(status) AS status "
        f"FROM {TABLE} WHERE {' AND '.join(clauses)} GROUP BY 1, 2"
    )
    rows = await MapCell.raw(sql, *args)
    out = []
    for r in rows:
        n = int(r["n"])
        out.append(
            Cluster(
                lat=float(r["slat"]) / n,
                lon=float(r["slon"]) / n,
                count=n,
                sample_id=int(r["sid"]) if n == 1 else 0,
                sample={"status": r["status"]},
            )
        )
    return out


async def version(municipality_id: int) -> int:
    """Raised by the triggers with every change of this town's map: part of every cached answer's key."""
    rows = await MapCell.raw(f"SELECT version FROM {VERSION_TABLE} WHERE municipality = {{}}", municipality_id)  # noqa: S608
    return int(rows[0]["version"]) if rows else 0


async def rebuild() -> None:
    """Count every level afresh from the reports (the migration's backfill; a repair after bulk loads)."""
    engine = MapCell._meta.db.engine_type
    async with MapCell._meta.db.transaction():
        for statement in rebuild_statements(engine):
            await MapCell.raw(statement)


async def differences(level: int = FINEST) -> list[tuple[Any, ...]]:
    """Rows where the kept counts differ from a fresh GROUP BY over the reports (empty when they agree)."""
    engine = MapCell._meta.db.engine_type
    fresh = {_key(r): r for r in await MapCell.raw(fresh_counts_sql(engine, level))}
    kept = {_key(r): r for r in await MapCell.raw(f"SELECT * FROM {TABLE} WHERE level = {{}} AND n <> 0", level)}  # noqa: S608
    out: list[tuple[Any, ...]] = []
    for key in fresh.keys() | kept.keys():
        a, b = fresh.get(key), kept.get(key)
        if a is None or b is None or int(a["n"]) != int(b["n"]) or int(a["sum_id"]) != int(b["sum_id"]):
            out.append((key, a and int(a["n"]), b and int(b["n"])))
        elif not (
            math.isclose(a["sum_lat"], b["sum_lat"], abs_tol=1e-6)
            and math.isclose(a["sum_lon"], b["sum_lon"], abs_tol=1e-6)
        ):
            out.append((key, "centroid", a["sum_lat"], b["sum_lat"]))
    return out


def _key(row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(
        int(row[c]) if c != "status" else row[c]
        for c in ("municipality", "level", "gy", "gx", "category", "status", "district", "shown")
    )
