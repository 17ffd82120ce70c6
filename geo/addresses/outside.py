"""An outside geocoder a municipality may configure: Nominatim's or Photon's HTTP API, bounded to its area.

Only used when the municipality's admin set its address; then the typed text or the pin's point goes to that
server (and nothing else about the person). Answers outside the boundary are dropped. A slow or failing server
answers as "nothing found": the report form still works, the resident places the pin by hand.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from geo.addresses.model import FoundAddress
from geo.territory import Territory

if TYPE_CHECKING:
    import httpx

KINDS = ("nominatim", "photon")
TIMEOUT_S = 3.0
USER_AGENT = "stadtstimme (municipal participation platform)"
log = logging.getLogger(__name__)


class OutsideGeocoder:
    """One configured server; `client` may be shared (tests pass their own)."""

    def __init__(self, kind: str, url: str, territory: Territory, client: httpx.AsyncClient | None = None) -> None:
        self.kind = kind
        self.url = url.rstrip("/")
        self.territory = territory
        self.client = client

    async def _get(self, path: str, params: dict[str, Any]) -> Any:
        import httpx  # here: ~90 ms at start-up, and only a municipality with an outside geocoder calls out

        headers = {"user-agent": USER_AGENT, "accept-language": "de"}
        try:
            if self.client is not None:
                response = await self.client.get(f"{self.url}{path}", params=params, headers=headers)
            else:
                async with httpx.AsyncClient(timeout=TIMEOUT_S) as client:
                    response = await client.get(f"{self.url}{path}", params=params, headers=headers)
            response.raise_for_status()
            return response.json()
        except (httpx.HTTPError, ValueError) as error:
            log.warning("outside geocoder %s failed: %s", self.url, error)
            return None

    def _inside(self, found: list[FoundAddress]) -> list[FoundAddress]:
        return [f for f in found if self.territory.contains(f.lon, f.lat)]

    async def search(self, query: str, limit: int) -> list[FoundAddress]:
        west, south, east, north = self.territory.boundary.bounds
        if self.kind == "photon":
            data = await self._get("/api", {"q": query, "limit": limit, "bbox": f"{west},{south},{east},{north}"})
            found = [_from_photon(feature) for feature in (data or {}).get("features", [])]
        else:
            params = {
                "q": query,
                "format": "jsonv2",
                "addressdetails": 1,
                "limit": limit,
                "countrycodes": "de",
                "viewbox": f"{west},{north},{east},{south}",
                "bounded": 1,
            }
            data = await self._get("/search", params)
            found = [_from_nominatim(place) for place in (data or []) if isinstance(place, dict)]
        return self._inside([f for f in found if f is not None])[:limit]

    async def reverse(self, lat: float, lon: float) -> FoundAddress | None:
        if self.kind == "photon":
            data = await self._get("/reverse", {"lat": lat, "lon": lon, "limit": 1})
            features = (data or {}).get("features", [])
            found = [_from_photon(features[0])] if features else []
        else:
            data = await self._get("/reverse", {"lat": lat, "lon": lon, "format": "jsonv2", "addressdetails": 1})
            found = [_from_nominatim(data)] if isinstance(data, dict) and "lat" in data else []
        inside = self._inside([f for f in found if f is not None])
        return inside[0] if inside else None


def _place_of(parts: dict[str, Any]) -> str:
    for key in ("suburb", "village", "town", "city_district", "city", "district", "hamlet", "municipality"):
        if parts.get(key):
            return str(parts[key])
    return ""


def _from_nominatim(place: dict[str, Any]) -> FoundAddress | None:
    try:
        parts = place.get("address") or {}
        street = parts.get("road") or parts.get("pedestrian") or parts.get("footway") or place.get("name") or ""
        return FoundAddress(
            street=str(street)[:150],
            house_number=str(parts.get("house_number") or "")[:20],
            postcode=str(parts.get("postcode") or "")[:10],
            place=_place_of(parts)[:100],
            lat=float(place["lat"]),
            lon=float(place["lon"]),
            source="outside",
        )
    except (KeyError, TypeError, ValueError):
        return None


def _from_photon(feature: dict[str, Any]) -> FoundAddress | None:
    try:
        properties = feature.get("properties") or {}
        lon, lat = feature["geometry"]["coordinates"][:2]
        return FoundAddress(
            street=str(properties.get("street") or properties.get("name") or "")[:150],
            house_number=str(properties.get("housenumber") or "")[:20],
            postcode=str(properties.get("postcode") or "")[:10],
            place=_place_of(properties)[:100],
            lat=float(lat),
            lon=float(lon),
            source="outside",
        )
    except (KeyError, TypeError, ValueError, IndexError):
        return None
