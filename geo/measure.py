"""Distances in metres for small areas, without a projection library.

A municipality spans a few kilometres, so an equirectangular projection centred on the point
is accurate to well under one percent; that is all a "how far outside" message needs.
"""

from __future__ import annotations

import math

import numpy as np
import shapely
from shapely import Point
from shapely.geometry.base import BaseGeometry

METRES_PER_DEGREE_LAT = 111_320.0


def to_local_metres(geometry: BaseGeometry, origin_lat: float) -> BaseGeometry:
    """Project lon/lat degrees to metres around `origin_lat`."""
    kx = METRES_PER_DEGREE_LAT * math.cos(math.radians(origin_lat))
    return shapely.transform(geometry, lambda coords: coords * np.array([kx, METRES_PER_DEGREE_LAT]))


def distance_m(geometry: BaseGeometry, lon: float, lat: float) -> float:
    """Metres from the point (lon, lat) to the nearest part of `geometry`."""
    point = to_local_metres(Point(lon, lat), lat)
    return float(to_local_metres(geometry, lat).distance(point))
