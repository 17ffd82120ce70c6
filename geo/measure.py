"""Distances in metres, written once; every argument list reads latitude before longitude.

A municipality spans a few kilometres, so an equirectangular projection centred on a point is accurate to
well under one percent; that is all a "how far outside" message or a "within 150 m" check needs.
"""

from __future__ import annotations

import math

import numpy as np
import shapely
from shapely import Point
from shapely.geometry.base import BaseGeometry

METRES_PER_DEGREE_LAT = 111_320.0


def to_local_metres(geometry: BaseGeometry, origin_lat: float) -> BaseGeometry:
    """Project lon/lat degrees (shapely's x, y) to metres around `origin_lat`."""
    kx = METRES_PER_DEGREE_LAT * math.cos(math.radians(origin_lat))
    return shapely.transform(geometry, lambda coords: coords * np.array([kx, METRES_PER_DEGREE_LAT]))


def metres_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Metres between two points, each given as (lat, lon) in degrees."""
    kx = METRES_PER_DEGREE_LAT * math.cos(math.radians((lat1 + lat2) / 2))
    return math.hypot((lon2 - lon1) * kx, (lat2 - lat1) * METRES_PER_DEGREE_LAT)


def metres_to(geometry: BaseGeometry, lat: float, lon: float) -> float:
    """Metres from the point (lat, lon) to the nearest part of `geometry` (given in lon/lat)."""
    point = to_local_metres(Point(lon, lat), lat)
    return float(to_local_metres(geometry, lat).distance(point))


def degrees_around(lat: float, metres: float) -> tuple[float, float]:
    """(dlat, dlon): the half sides, in degrees, of a box reaching `metres` from a point at `lat`."""
    dlat = metres / METRES_PER_DEGREE_LAT
    dlon = metres / (METRES_PER_DEGREE_LAT * max(0.01, math.cos(math.radians(lat))))
    return dlat, dlon
