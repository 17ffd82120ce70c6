"""Where a proposal may be pinned: the consultation's area (whole municipality, some districts, a polygon)."""

from __future__ import annotations

import json
from typing import Any

import shapely
from shapely import Point
from shapely.geometry import shape

from geo.errors import InvalidGeometry
from geo.territory import Territory
from proposals.errors import OutsideArea


def validate_polygon(polygon: dict[str, Any] | None, territory: Territory) -> str:
    """The drawn area as GeoJSON text, if it is a valid polygon overlapping the municipality."""
    try:
        geometry = shape(polygon or {})
    except Exception:
        geometry = None
    if geometry is None or geometry.geom_type not in {"Polygon", "MultiPolygon"} or not geometry.is_valid:
        raise InvalidGeometry(
            "Bitte zeichnen Sie eine gültige Fläche.", "Please draw a valid area.", field="area_polygon"
        )
    if not geometry.intersects(territory.boundary):
        raise InvalidGeometry(
            "Die Fläche liegt außerhalb der Kommune.", "The area lies outside the municipality.", field="area_polygon"
        )
    return json.dumps(polygon)


def district_of_pin(
    territory: Territory, area_kind: str, area_districts: list[int], area_polygon: str | None, lon: float, lat: float
) -> int | None:
    """Check the pin against the area; returns the district it lies in (from the district polygons)."""
    territory.check_point(lon, lat)
    district = territory.district_at(lon, lat)
    if area_kind == "districts" and (district is None or district.id not in area_districts):
        raise OutsideArea()
    if area_kind == "polygon" and area_polygon:
        geometry = shape(json.loads(area_polygon))
        shapely.prepare(geometry)
        if not geometry.covers(Point(lon, lat)):
            raise OutsideArea()
    return district.id if district else None


def check_district_choice(territory: Territory, area_kind: str, area_districts: list[int], district_id: int) -> None:
    """A district chosen instead of a pin must belong to the municipality (and to the area)."""
    known = {d.id for d in territory.districts}
    if district_id not in known:
        raise OutsideArea()
    if area_kind == "districts" and district_id not in area_districts:
        raise OutsideArea()
