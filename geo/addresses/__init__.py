"""Addresses: one geocoder interface, answered by the local register and, when configured, an outside server.

`geocoder_for(municipality)` is what callers use. The local register (register.py) always answers first; only
when it finds nothing and the municipality's admin configured an outside geocoder (outside.py) is that asked.
No address leaves the server otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from geo.addresses import register
from geo.addresses.model import FoundAddress
from geo.addresses.outside import KINDS, OutsideGeocoder
from geo.errors import Invalid
from geo.tables import AddressRegister, Municipality
from geo.territory import Territory

__all__ = ["FoundAddress", "Geocoder", "RegisterStatus", "configure_outside", "geocoder_for", "status_of"]

MAX_QUERY = 120


class Geocoder(Protocol):
    """Suggestions for a typed address, and the nearest address to a point, both inside one municipality."""

    async def search(self, query: str, limit: int) -> list[FoundAddress]: ...

    async def reverse(self, lat: float, lon: float) -> FoundAddress | None: ...


class LocalRegister:
    def __init__(self, municipality_id: int) -> None:
        self.municipality_id = municipality_id

    async def search(self, query: str, limit: int) -> list[FoundAddress]:
        return await register.search(self.municipality_id, query, limit)

    async def reverse(self, lat: float, lon: float) -> FoundAddress | None:
        return await register.reverse(self.municipality_id, lat, lon)


class RegisterFirst:
    """The local register; the outside geocoder only for what the register does not know."""

    def __init__(self, local: Geocoder, outside: Geocoder | None) -> None:
        self.local = local
        self.outside = outside

    async def search(self, query: str, limit: int) -> list[FoundAddress]:
        found = await self.local.search(query, limit)
        if not found and self.outside is not None:
            found = await self.outside.search(query, limit)
        return found

    async def reverse(self, lat: float, lon: float) -> FoundAddress | None:
        found = await self.local.reverse(lat, lon)
        if found is None and self.outside is not None:
            found = await self.outside.reverse(lat, lon)
        return found


@dataclass(frozen=True)
class RegisterStatus:
    address_count: int
    licence: str
    attribution: str
    approximate: bool
    imported_at: str | None
    outside_kind: str
    outside_url: str


async def status_of(municipality_id: int) -> RegisterStatus:
    row = await AddressRegister.select().where(AddressRegister.municipality == municipality_id).first()
    if row is None:
        return RegisterStatus(0, "", "", False, None, "", "")
    return RegisterStatus(
        row["address_count"],
        row["licence"],
        row["attribution"],
        row["approximate"],
        row["imported_at"].isoformat() if row["imported_at"] else None,
        row["outside_kind"],
        row["outside_url"],
    )


async def geocoder_for(municipality: Municipality, territory: Territory) -> Geocoder:
    status = await status_of(municipality.id)
    outside = (
        OutsideGeocoder(status.outside_kind, status.outside_url, territory)
        if status.outside_kind and status.outside_url
        else None
    )
    return RegisterFirst(LocalRegister(municipality.id), outside)


class InvalidGeocoder(Invalid):
    code = "invalid-geocoder"


async def configure_outside(municipality_id: int, kind: str, url: str) -> RegisterStatus:
    """Set (or with kind "" remove) the outside geocoder."""
    url = url.strip()
    if kind and kind not in KINDS:
        raise InvalidGeocoder(
            "Bitte „nominatim“ oder „photon“ wählen.", "Choose 'nominatim' or 'photon'.", field="kind"
        )
    if kind and not (url.startswith("https://") or url.startswith("http://")):
        raise InvalidGeocoder(
            "Bitte die Adresse des Geocoders mit https:// angeben.",
            "Please give the geocoder's address starting with https://.",
            field="url",
        )
    if not kind:
        url = ""
    values: dict[Any, Any] = {AddressRegister.outside_kind: kind, AddressRegister.outside_url: url[:300]}
    if await AddressRegister.exists().where(AddressRegister.municipality == municipality_id):
        await AddressRegister.update(values).where(AddressRegister.municipality == municipality_id)
    else:
        await AddressRegister.insert(AddressRegister(municipality=municipality_id, outside_kind=kind, outside_url=url))
    return await status_of(municipality_id)


def check_query(query: str) -> str:
    query = " ".join(query.split())
    if len(query) > MAX_QUERY:
        raise Invalid(
            f"Bitte höchstens {MAX_QUERY} Zeichen eingeben.", f"Please type at most {MAX_QUERY} characters.", field="q"
        )
    return query
