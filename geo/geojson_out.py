"""GeoJSON (RFC 7946) as plain dicts: cheap to build for thousands of map points.

The tests check everything built here with the `geojson` library's validator.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

COORDINATE_DECIMALS = 6  # about 10 cm, RFC 7946 section 11.2


def point(lon: float, lat: float) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [round(lon, COORDINATE_DECIMALS), round(lat, COORDINATE_DECIMALS)]}


def feature(
    geometry: dict[str, Any] | None, properties: dict[str, Any], feature_id: int | str | None = None
) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "Feature", "geometry": geometry, "properties": properties}
    if feature_id is not None:
        out["id"] = feature_id
    return out


def feature_collection(features: Iterable[dict[str, Any]], **members: Any) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": list(features), **members}


def parse_geometry(text: str | None) -> dict[str, Any] | None:
    """A geometry column's stored GeoJSON text as a dict."""
    return json.loads(text) if text else None
