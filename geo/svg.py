"""A municipality drawn as SVG from our own boundary data: for PDF reports, with no tile server.

Styles live inside the <svg> (WeasyPrint ignores page CSS for inline SVG), and the drawing
carries a <title> and <desc> so that a screen reader and the tagged PDF can describe it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import Polygon


@dataclass(frozen=True)
class MapPoint:
    lon: float
    lat: float
    label: str  # short text drawn next to the point, e.g. the proposal's rank


class Projection:
    """Equirectangular projection of a small area onto an SVG canvas `width` wide, north up."""

    def __init__(self, bounds: tuple[float, float, float, float], width: float, margin: float = 12) -> None:
        west, south, east, north = bounds
        self.kx = math.cos(math.radians((south + north) / 2))
        self.west, self.north = west, north
        span_x = max((east - west) * self.kx, 1e-9)
        self.scale = (width - 2 * margin) / span_x
        self.margin = margin
        self.width = width
        self.height = (north - south) * self.scale + 2 * margin

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return (
            self.margin + (lon - self.west) * self.kx * self.scale,
            self.margin + (self.north - lat) * self.scale,
        )


def _rings(geometry: BaseGeometry) -> Iterable[Sequence[tuple[float, float]]]:
    polygons = [geometry] if isinstance(geometry, Polygon) else list(getattr(geometry, "geoms", []))
    for polygon in polygons:
        if isinstance(polygon, Polygon):
            yield list(polygon.exterior.coords)
            for interior in polygon.interiors:
                yield list(interior.coords)


def path_data(geometry: BaseGeometry, projection: Projection) -> str:
    parts = []
    for ring in _rings(geometry):
        points = [projection.xy(lon, lat) for lon, lat, *_ in ring]
        parts.append("M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in points) + " Z")
    return " ".join(parts)


STYLE = """
.boundary { fill: #eef3f7; stroke: #00577b; stroke-width: 1.6; }
.district { fill: none; stroke: #7a8a99; stroke-width: 0.6; stroke-dasharray: 3 2; }
.district-name { font-family: sans-serif; font-size: 7px; fill: #4a5866; text-anchor: middle; }
.point { fill: #b3261e; stroke: #ffffff; stroke-width: 0.8; }
.point-label { font-family: sans-serif; font-size: 6.5px; font-weight: bold; fill: #1d1d1d; }
"""


def municipality_map(
    boundary: BaseGeometry,
    districts: Sequence[tuple[str, BaseGeometry | None]],
    points: Sequence[MapPoint],
    *,
    title: str,
    description: str,
    width: float = 480,
) -> str:
    """The boundary, district outlines with names, and numbered points, as one self-contained <svg>."""
    projection = Projection(boundary.bounds, width)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="map-title map-desc" '
        f'width="{projection.width:.0f}" height="{projection.height:.0f}" '
        f'viewBox="0 0 {projection.width:.1f} {projection.height:.1f}">',
        f'<title id="map-title">{escape(title)}</title><desc id="map-desc">{escape(description)}</desc>',
        f"<style>{STYLE}</style>",
        f'<path class="boundary" d="{path_data(boundary, projection)}"/>',
    ]
    for name, geometry in districts:
        if geometry is None:
            continue
        out.append(f'<path class="district" d="{path_data(geometry, projection)}"/>')
        x, y = projection.xy(*geometry.representative_point().coords[0])
        out.append(f'<text class="district-name" x="{x:.1f}" y="{y:.1f}">{escape(name)}</text>')
    for point in points:
        x, y = projection.xy(point.lon, point.lat)
        out.append(f'<circle class="point" cx="{x:.1f}" cy="{y:.1f}" r="3.2"/>')
        out.append(f'<text class="point-label" x="{x + 4:.1f}" y="{y - 3:.1f}">{escape(point.label)}</text>')
    out.append("</svg>")
    return "".join(out)
