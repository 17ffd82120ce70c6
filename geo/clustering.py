"""Server-side grid clustering of map points in plain SQL, on SQLite and PostgreSQL alike.

Points are grouped by grid cell (GROUP BY the cell's row and column), and each cluster carries its
count and centroid, so a zoomed-out map of a million reports receives a few hundred rows instead of
a million markers. The grid is laid out in degrees from (-180, -90), so cell numbers are never negative:
SQLite then needs no floor() (optional in its builds) and truncating with CAST is exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from piccolo.table import Table

TILE_CELLS = 4  # cells per 256-pixel map tile and axis: a cluster covers about 64 × 64 pixels
MAX_ZOOM = 22


def cell_size(zoom: int) -> float:
    """Cell edge in degrees for a web-map zoom level (a tile spans 360 / 2^zoom degrees of longitude)."""
    zoom = max(0, min(MAX_ZOOM, zoom))
    return 360.0 / (2**zoom * TILE_CELLS)


@dataclass(frozen=True, slots=True)
class Cluster:
    lat: float  # centroid of the points in the cell
    lon: float
    count: int
    sample_id: int  # the one id when count == 1 (lowest id otherwise)


def _cell_expression(engine_type: str, column: str, offset: float) -> str:
    shifted = f"(({column} + {offset}) / {{cell}})"
    if engine_type == "postgres":
        return f"CAST(floor{shifted} AS BIGINT)"
    return f"CAST({shifted} AS INTEGER)"


def grid_sql(engine_type: str, table: str, where: str, lat: str = "lat", lon: str = "lon", id_: str = "id") -> str:
    """The clustering query over `table` filtered by `where` (with Piccolo `{}` placeholders).

    The cell size is bound as a parameter twice (before the `where` parameters)."""
    gy = _cell_expression(engine_type, lat, 90.0).replace("{cell}", "{}")
    gx = _cell_expression(engine_type, lon, 180.0).replace("{cell}", "{}")
    # Identifiers come from the caller's code, never from input; values are bound parameters.
    select = f"SELECT {gy} AS gy, {gx} AS gx, COUNT(*) AS n, AVG({lat}) AS lat, AVG({lon}) AS lon, MIN({id_}) AS sample"
    return f"{select} FROM {table} WHERE {where} GROUP BY gy, gx"


async def grid_clusters(
    table: type[Table], where: str, args: list[Any], zoom: int, *, source: str | None = None
) -> list[Cluster]:
    """Clusters of the rows of `source` (default: the table itself) that match `where`."""
    cell = cell_size(zoom)
    engine_type = table._meta.db.engine_type
    sql = grid_sql(engine_type, source or table._meta.tablename, where)
    rows = await table.raw(sql, cell, cell, *args)
    return [
        Cluster(lat=float(r["lat"]), lon=float(r["lon"]), count=int(r["n"]), sample_id=int(r["sample"])) for r in rows
    ]
