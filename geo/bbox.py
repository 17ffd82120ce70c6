"""A map viewport: west, south, east, north in WGS84 degrees."""

from __future__ import annotations

from dataclasses import dataclass

from geo.errors import InvalidBBox


@dataclass(frozen=True, slots=True)
class BBox:
    west: float
    south: float
    east: float
    north: float

    @classmethod
    def parse(cls, text: str) -> BBox:
        """Parse `west,south,east,north` as Open311, WFS and Leaflet's toBBoxString() write it."""
        parts = text.split(",")
        if len(parts) != 4:
            raise InvalidBBox("vier Zahlen erwartet: West,Süd,Ost,Nord", "expected four numbers: west,south,east,north")
        try:
            west, south, east, north = (float(p) for p in parts)
        except ValueError:
            raise InvalidBBox("nur Zahlen sind erlaubt", "only numbers are allowed") from None
        bbox = cls(west, south, east, north)
        bbox.check()
        return bbox

    def check(self) -> None:
        if not (-180 <= self.west <= 180 and -180 <= self.east <= 180):
            raise InvalidBBox("Längengrade liegen zwischen -180 und 180", "longitudes lie between -180 and 180")
        if not (-90 <= self.south <= 90 and -90 <= self.north <= 90):
            raise InvalidBBox("Breitengrade liegen zwischen -90 und 90", "latitudes lie between -90 and 90")
        if self.west > self.east or self.south > self.north:
            raise InvalidBBox(
                "West muss kleiner als Ost sein, Süd kleiner als Nord", "west must be below east, south below north"
            )

    def contains(self, lon: float, lat: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north

    def as_list(self) -> list[float]:
        return [self.west, self.south, self.east, self.north]
