"""What a geocoder answers: a found address with its point."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FoundAddress:
    street: str
    house_number: str
    postcode: str
    place: str  # the district or locality, e.g. "Hahn"
    lat: float
    lon: float
    approximate: bool = False  # the point is only roughly where the house is (e.g. the demo register)
    source: str = "register"  # "register" (our own) or "outside" (the configured outside geocoder)
    distance_m: float | None = None  # reverse lookups: how far the point lies from the asked one

    @property
    def label(self) -> str:
        """ "Aarstraße 150, 65232 Hahn": how the address is shown and stored with a report."""
        line = " ".join(part for part in (self.street, self.house_number) if part)
        town = " ".join(part for part in (self.postcode, self.place) if part)
        return ", ".join(part for part in (line, town) if part)
