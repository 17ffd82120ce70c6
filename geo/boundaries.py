"""The official boundaries of Hesse's municipalities shipped with the platform (BKG VG250, dl-de/by-2-0)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from geo.errors import UnknownAGS

HESSEN_FILE = Path(__file__).parent / "data" / "hessen-municipalities.geojson"
ATTRIBUTION = "© GeoBasis-DE / BKG (2025), Daten verändert"
LICENCE = "dl-de/by-2-0"
LICENCE_URL = "https://www.govdata.de/dl-de/by-2-0"


@lru_cache(maxsize=1)
def _features_by_ags() -> dict[str, dict[str, Any]]:
    data = json.loads(HESSEN_FILE.read_text(encoding="utf-8"))
    return {f["properties"]["ags"]: f for f in data["features"]}


def official_feature(ags: str) -> dict[str, Any]:
    """The shipped feature (properties `name`, `ags`, `county`, `pop`; MultiPolygon) for an AGS."""
    try:
        return _features_by_ags()[ags]
    except KeyError:
        raise UnknownAGS(ags) from None
