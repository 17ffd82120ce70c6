"""The local address register: search by prefix and nearest address, all in our own database.

Search: "Aarstraße 150" is the key prefix "aarstr 150"; "Hahn, Kirchstraße" is a place prefix and a street
prefix (either order). Both are ranges on btree indexes, so the answer takes milliseconds and no outside
service is asked. A query without a house number suggests streets (one per street and place), not houses.
When the prefixes find too little, the words are looked for inside the keys ("kirchstr 3" finds
"Hauptkirchstraße 3"): `search_key LIKE '%kirchstr%3%'`, which PostgreSQL answers from a pg_trgm GIN index
(migration geo_2026_12_02t18) and SQLite, like a PostgreSQL without the extension, by reading the
municipality's keys from the (municipality, search_key) index.
Reverse: the houses in a box around the point (the (municipality, lat) index, then lon), the nearest by
exact distance.
"""

from __future__ import annotations

import re
from typing import Any

from geo.addresses.keys import normalise, upper_bound
from geo.addresses.model import FoundAddress
from geo.measure import degrees_around, metres_between
from geo.tables import Address, AddressRegister

MAX_SUGGESTIONS = 10
MIN_INFIX = 3  # a trigram index needs three characters; shorter words only by prefix
ROWS_PER_SEARCH = 200  # enough to group a street's houses into one suggestion
REVERSE_RADII_M = (60.0, 250.0)  # a pin farther than this from every house gets no address
_HAS_NUMBER = re.compile(r"\d")

COLUMNS = (
    Address.street,
    Address.house_number,
    Address.postcode,
    Address.place,
    Address.lat,
    Address.lon,
    Address.search_key,
)


def _found(row: dict[str, Any], approximate: bool, distance: float | None = None) -> FoundAddress:
    return FoundAddress(
        street=row["street"],
        house_number=row["house_number"],
        postcode=row["postcode"],
        place=row["place"],
        lat=row["lat"],
        lon=row["lon"],
        approximate=approximate,
        source="register",
        distance_m=distance,
    )


def _readings(query: str) -> list[tuple[str, str]]:
    """(street key prefix, place key prefix) pairs a query may mean."""
    parts = [normalise(part) for part in query.split(",")]
    parts = [part for part in parts if part]
    if not parts:
        return []
    if len(parts) == 1:
        return [(parts[0], "")]
    first, second = parts[0], parts[1]
    return [(second, first), (first, second)]


async def is_approximate(municipality_id: int) -> bool:
    row = (
        await AddressRegister.select(AddressRegister.approximate)
        .where(AddressRegister.municipality == municipality_id)
        .first()
    )
    return bool(row and row["approximate"])


async def _rows(municipality_id: int, street: str, place: str) -> list[dict[str, Any]]:
    query = Address.select(*COLUMNS).where(
        (Address.municipality == municipality_id)
        & (Address.search_key >= street)
        & (Address.search_key < upper_bound(street))
    )
    if place:
        query = query.where((Address.place_key >= place) & (Address.place_key < upper_bound(place)))
    return await query.order_by(Address.search_key).limit(ROWS_PER_SEARCH)


async def _infix_rows(municipality_id: int, street: str, place: str) -> list[dict[str, Any]]:
    pattern = "%" + "%".join(street.split()) + "%"  # keys hold only [a-z0-9 ]: no LIKE wildcards to escape
    query = Address.select(*COLUMNS).where((Address.municipality == municipality_id) & Address.search_key.like(pattern))
    if place:
        query = query.where(Address.place_key.like(f"%{place}%"))
    return await query.order_by(Address.search_key).limit(ROWS_PER_SEARCH)


def _natural(row: dict[str, Any]) -> tuple[str, int, str]:
    number = re.match(r"\d+", row["house_number"] or "")
    return (row["search_key"].rsplit(" ", 1)[0], int(number.group()) if number else 0, row["house_number"])


def _streets(rows: list[dict[str, Any]], approximate: bool) -> list[FoundAddress]:
    """One suggestion per (street, place): its middle house's point, no house number."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault((row["street"], row["place"]), []).append(row)
    found = []
    for (street, place), houses in groups.items():
        houses.sort(key=_natural)
        middle = houses[len(houses) // 2]
        found.append(_found({**middle, "street": street, "place": place, "house_number": ""}, approximate))
    return found


async def search(municipality_id: int, query: str, limit: int = MAX_SUGGESTIONS) -> list[FoundAddress]:
    approximate = await is_approximate(municipality_id)
    seen: set[tuple[str, str, str]] = set()
    results: list[FoundAddress] = []
    readings = _readings(query)
    passes = [(_rows, readings), (_infix_rows, [r for r in readings if len(r[0].replace(" ", "")) >= MIN_INFIX])]
    for fetch, chosen in passes:
        if len(results) >= limit:
            break
        for street, place in chosen:
            _add(await fetch(municipality_id, street, place), street, approximate, seen, results)
            if len(results) >= limit:
                break
    return results[:limit]


def _add(
    rows: list[dict[str, Any]],
    street: str,
    approximate: bool,
    seen: set[tuple[str, str, str]],
    results: list[FoundAddress],
) -> None:
    """Houses (the query has a number) or streets, each once, appended to `results`."""
    if _HAS_NUMBER.search(street):
        rows.sort(key=_natural)
        candidates = [_found(row, approximate) for row in rows]
    else:
        candidates = _streets(rows, approximate)
    for candidate in candidates:
        key = (candidate.street, candidate.house_number, candidate.place)
        if key not in seen:
            seen.add(key)
            results.append(candidate)


async def reverse(municipality_id: int, lat: float, lon: float) -> FoundAddress | None:
    approximate = await is_approximate(municipality_id)
    for radius in REVERSE_RADII_M:
        dlat, dlon = degrees_around(lat, radius)
        rows = await Address.select(*COLUMNS).where(
            (Address.municipality == municipality_id)
            & (Address.lat >= lat - dlat)
            & (Address.lat <= lat + dlat)
            & (Address.lon >= lon - dlon)
            & (Address.lon <= lon + dlon)
        )
        if not rows:
            continue
        best = min(rows, key=lambda row: metres_between(lat, lon, row["lat"], row["lon"]))
        distance = metres_between(lat, lon, best["lat"], best["lon"])
        if distance <= radius:
            return _found(best, approximate, round(distance, 1))
    return None
