"""The demo town's districts: one set of approximate centres (every demo uses these), and shapes drawn from them.

The shapes are Voronoi cells of the ten places, clipped to the official boundary: each point of the town belongs
to the nearest district centre. That is not where the real district borders run, so the map says so
(`ATTRIBUTION`). A municipality going live uploads its own shapes in the back office.
"""

from __future__ import annotations

from typing import Any

import shapely
from shapely.geometry import MultiPoint, Point, mapping, shape
from shapely.ops import voronoi_diagram

# Approximate centres (lat, lon) of Taunusstein's ten districts, inside the official boundary.
DISTRICT_CENTRES: dict[str, tuple[float, float]] = {
    "Bleidenstadt": (50.1640, 8.1560),
    "Hahn": (50.1428, 8.1689),
    "Hambach": (50.1320, 8.1850),
    "Neuhof": (50.1700, 8.2330),
    "Niederlibbach": (50.1880, 8.2130),
    "Orlen": (50.1600, 8.2060),
    "Seitzenhahn": (50.1310, 8.1390),
    "Watzhahn": (50.1850, 8.1850),
    "Wehen": (50.1490, 8.1530),
    "Wingsbach": (50.1700, 8.1380),
}

ATTRIBUTION = (
    "Stadtteilgrenzen ungefähr, aus den Ortslagen berechnet (Beispiel) · "
    "District borders approximate, computed from the places (example)"
)


def voronoi_districts(boundary: dict[str, Any], centres: dict[str, tuple[float, float]]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection: for each centre, the part of the boundary nearer to it than to any other."""
    area = shape(boundary)
    points = {name: Point(lon, lat) for name, (lat, lon) in centres.items()}
    cells = voronoi_diagram(MultiPoint(list(points.values())), envelope=area.envelope.buffer(0.1))
    features = []
    for name, point in points.items():
        cell = next(c for c in cells.geoms if c.contains(point))
        clipped = shapely.set_precision(cell.intersection(area), 1e-6)
        features.append(
            {"type": "Feature", "properties": {"name": name, "approximate": True}, "geometry": mapping(clipped)}
        )
    return {"type": "FeatureCollection", "features": features}
