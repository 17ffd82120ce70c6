"""A municipality's geometry, prepared once per process and reused by every request.

Loading and preparing a boundary costs milliseconds; checking a point against a prepared one costs
microseconds. The cache is keyed by (municipality id, geometry_version), so an upload of new
districts in one worker is seen by every other worker at its next lookup of the municipality.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import shapely
from shapely import Point
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from geo import geojson_out
from geo.errors import PointOutsideMunicipality
from geo.measure import metres_to


@dataclass(frozen=True)
class DistrictShape:
    id: int
    name: str
    geometry: BaseGeometry | None


@dataclass(frozen=True)
class Territory:
    municipality_id: int
    name: str
    boundary: BaseGeometry
    districts: tuple[DistrictShape, ...]
    # The same shapes as GeoJSON, parsed once: the municipality endpoint serves them as they are.
    boundary_geojson: dict[str, Any] = field(default_factory=dict, compare=False)
    districts_geojson: dict[str, Any] = field(default_factory=dict, compare=False)

    @classmethod
    def build(
        cls, municipality_id: int, name: str, boundary_geojson: str, districts: list[tuple[int, str, str | None]]
    ) -> Territory:
        boundary_dict = json.loads(boundary_geojson)
        boundary = shape(boundary_dict)
        shapely.prepare(boundary)
        shapes, features = [], []
        for district_id, district_name, geometry in districts:
            geometry_dict = json.loads(geometry) if geometry else None
            geom = shape(geometry_dict) if geometry_dict else None
            if geom is not None:
                shapely.prepare(geom)
            shapes.append(DistrictShape(district_id, district_name, geom))
            features.append(geojson_out.feature(geometry_dict, {"name": district_name}, district_id))
        return cls(
            municipality_id, name, boundary, tuple(shapes), boundary_dict, geojson_out.feature_collection(features)
        )

    def contains(self, lon: float, lat: float) -> bool:
        return bool(self.boundary.covers(Point(lon, lat)))

    def check_point(self, lon: float, lat: float, field: str = "location") -> None:
        """Raise PointOutsideMunicipality, saying how far outside, unless the point lies inside."""
        if not self.contains(lon, lat):
            raise PointOutsideMunicipality(self.name, metres_to(self.boundary, lat, lon), field=field)

    def district_at(self, lon: float, lat: float) -> DistrictShape | None:
        """The district whose polygon covers the point, if districts have polygons."""
        p = Point(lon, lat)
        for district in self.districts:
            if district.geometry is not None and district.geometry.covers(p):
                return district
        return None

    def regroup(self, rows: list[dict[str, Any]]) -> dict[int | None, list[int]]:
        """Rows with `id`, `lon`, `lat`, `district` whose district differs from the one at their point,
        grouped by the district they now lie in (None: in none). Content packages re-assign with it."""
        moves: dict[int | None, list[int]] = {}
        for row in rows:
            if row["lon"] is None or row["lat"] is None:
                continue
            found = self.district_at(row["lon"], row["lat"])
            target = found.id if found else None
            if target != row["district"]:
                moves.setdefault(target, []).append(row["id"])
        return moves


_cache: dict[tuple[int, int], Territory] = {}


def cached(municipality_id: int, version: int) -> Territory | None:
    return _cache.get((municipality_id, version))


def remember(version: int, territory: Territory) -> Territory:
    for key in [k for k in _cache if k[0] == territory.municipality_id]:
        del _cache[key]
    _cache[(territory.municipality_id, version)] = territory
    return territory
