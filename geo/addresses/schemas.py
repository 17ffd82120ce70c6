"""What the address endpoints send and receive."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from geo.addresses.importing import ImportResult
from geo.addresses.model import FoundAddress


class Address(BaseModel):
    label: str = Field(description='How it is shown and stored, e.g. "Aarstraße 150, 65232 Hahn"')
    street: str
    house_number: str = Field(description="Empty for a street suggestion (no house typed)")
    postcode: str
    place: str = Field(description="District or locality")
    lat: float
    lon: float
    approximate: bool = Field(description="The point is only roughly where the house is")
    source: Literal["register", "outside"]
    distance_m: float | None = Field(default=None, description="Reverse lookup: metres from the asked point")

    @classmethod
    def of(cls, found: FoundAddress) -> Address:
        return cls(
            label=found.label,
            street=found.street,
            house_number=found.house_number,
            postcode=found.postcode,
            place=found.place,
            lat=found.lat,
            lon=found.lon,
            approximate=found.approximate,
            source=found.source,  # type: ignore[arg-type]
            distance_m=found.distance_m,
        )


class AddressSuggestions(BaseModel):
    addresses: list[Address]
    attribution: str = Field(description="Whom the register's data comes from (shown with the suggestions)")


class ReverseAddress(BaseModel):
    address: Address | None = Field(description="The nearest address, or null when no house is near")


class RejectedRow(BaseModel):
    row: int = Field(description="Line of the CSV file (the header is line 1) or number of the GeoJSON feature")
    reason_de: str
    reason_en: str


class AddressImport(BaseModel):
    accepted: int
    rejected_count: int
    rejected: list[RejectedRow] = Field(description="The first 200 rejected rows")

    @classmethod
    def of(cls, result: ImportResult) -> AddressImport:
        return cls(
            accepted=result.accepted,
            rejected_count=result.rejected_count,
            rejected=[RejectedRow(row=r.row, reason_de=r.reason_de, reason_en=r.reason_en) for r in result.rejected],
        )


class AddressRegisterStatus(BaseModel):
    address_count: int
    licence: str
    attribution: str
    approximate: bool
    imported_at: str | None
    outside_kind: Literal["", "nominatim", "photon"]
    outside_url: str


class OutsideGeocoderUpdate(BaseModel):
    kind: Literal["", "nominatim", "photon"] = Field(description='"" switches the outside geocoder off')
    url: str = Field(default="", max_length=300, description="Base address, e.g. https://nominatim.example.org")
