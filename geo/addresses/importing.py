"""Importing a municipality's address register from an open file (CSV or GeoJSON).

CSV: a header row naming street, house number, postcode, lat and lon (German or English names, OSM's
`addr:*` too), separated by commas or semicolons. GeoJSON: a FeatureCollection whose features carry OSM's
`addr:street`, `addr:housenumber`, `addr:postcode`, `addr:city`/`addr:suburb` (or the plain names) and a Point
(buildings' polygons count by a point inside them). Every row is checked; rejected rows are reported with their
number and reason (de + en); only points inside the boundary are kept. The import replaces the whole register
in one transaction.
"""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import dataclass, field
from typing import Any

from shapely.geometry import shape

from geo import clock
from geo.addresses.keys import address_key, normalise
from geo.errors import Invalid
from geo.tables import Address, AddressRegister
from geo.territory import Territory

MAX_BYTES = 30 * 1024 * 1024
MAX_ROWS = 300_000
MAX_REPORTED = 200  # rejected rows listed one by one; the rest only counted
BATCH = 1000
LICENCES = ("ODbL-1.0", "dl-de/by-2-0", "dl-de/zero-2-0", "CC-BY-4.0", "CC0-1.0")

NAMES = {
    "street": ("street", "strasse", "straße", "addr:street", "strassenname", "straßenname"),
    "house_number": ("house_number", "housenumber", "hausnummer", "hnr", "addr:housenumber", "number"),
    "postcode": ("postcode", "plz", "postleitzahl", "addr:postcode", "zip"),
    "place": ("place", "ort", "ortsteil", "district", "addr:suburb", "addr:city", "city", "locality"),
    "lat": ("lat", "latitude", "breite", "y"),
    "lon": ("lon", "lng", "long", "longitude", "laenge", "länge", "x"),
}


@dataclass(frozen=True)
class Rejected:
    row: int
    reason_de: str
    reason_en: str


@dataclass
class ImportResult:
    accepted: int = 0
    rejected_count: int = 0
    rejected: list[Rejected] = field(default_factory=list)

    def reject(self, row: int, de: str, en: str) -> None:
        self.rejected_count += 1
        if len(self.rejected) < MAX_REPORTED:
            self.rejected.append(Rejected(row, de, en))


class UnreadableAddressFile(Invalid):
    code = "unreadable-address-file"

    def __init__(self, de: str, en: str) -> None:
        super().__init__(
            f"Die Adressdatei ist nicht lesbar: {de}", f"The address file cannot be read: {en}", field="data"
        )


class UnknownLicence(Invalid):
    code = "unknown-licence"

    def __init__(self) -> None:
        super().__init__(
            "Bitte die offene Lizenz der Datei wählen: " + ", ".join(LICENCES) + ".",
            "Please choose the file's open licence: " + ", ".join(LICENCES) + ".",
            field="licence",
        )


def _pick(row: dict[str, Any], name: str) -> str:
    for key in NAMES[name]:
        value = row.get(key)
        if value not in (None, ""):
            return str(value).strip()
    return ""


def _number(text: str) -> float | None:
    try:
        value = float(text.replace(",", ".")) if text else None
    except ValueError:
        return None
    return value if value is not None and math.isfinite(value) else None


def _csv_rows(text: str) -> list[tuple[int, dict[str, Any]]]:
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    if not reader.fieldnames:
        raise UnreadableAddressFile("die Kopfzeile fehlt", "the header row is missing")
    reader.fieldnames = [name.strip().casefold() for name in reader.fieldnames]
    known = {name for names in NAMES.values() for name in names}
    for needed in ("street", "lat", "lon"):
        if not set(NAMES[needed]) & set(reader.fieldnames):
            raise UnreadableAddressFile(
                f"die Spalte „{NAMES[needed][0]}“ fehlt (erkannt: {', '.join(sorted(known & set(reader.fieldnames)))})",
                f"the column '{NAMES[needed][0]}' is missing",
            )
    return [(number, row) for number, row in enumerate(reader, start=2)]  # row 1 is the header


def _geojson_rows(data: dict[str, Any], result: ImportResult) -> list[tuple[int, dict[str, Any]]]:
    features = data.get("features") if data.get("type") == "FeatureCollection" else None
    if not isinstance(features, list):
        raise UnreadableAddressFile("keine FeatureCollection", "not a FeatureCollection")
    rows = []
    for number, feature in enumerate(features, start=1):
        try:
            geometry = shape(feature["geometry"])
            point = geometry if geometry.geom_type == "Point" else geometry.representative_point()
            properties = {str(k).casefold(): v for k, v in (feature.get("properties") or {}).items()}
            rows.append((number, {**properties, "lat": str(point.y), "lon": str(point.x)}))
        except Exception:
            result.reject(number, "Objekt ohne lesbare Geometrie", "feature without a readable geometry")
    return rows


def parse(content: bytes, territory: Territory) -> tuple[list[dict[str, Any]], ImportResult]:
    """The valid rows inside the boundary, and the report of what was rejected."""
    if len(content) > MAX_BYTES:
        raise UnreadableAddressFile("größer als 30 MB", "larger than 30 MB")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableAddressFile("nicht UTF-8-kodiert", "not encoded as UTF-8") from None
    result = ImportResult()
    stripped = text.lstrip()
    if stripped.startswith("{"):
        try:
            rows = _geojson_rows(json.loads(stripped), result)
        except json.JSONDecodeError as error:
            raise UnreadableAddressFile(f"kein gültiges JSON (Zeile {error.lineno})", "not valid JSON") from None
    else:
        rows = _csv_rows(text)
    if len(rows) > MAX_ROWS:
        raise UnreadableAddressFile(f"mehr als {MAX_ROWS} Adressen", f"more than {MAX_ROWS} addresses")
    kept, seen = [], set()
    for number, row in rows:
        street, house_number = _pick(row, "street"), _pick(row, "house_number")
        lat, lon = _number(_pick(row, "lat")), _number(_pick(row, "lon"))
        if not street:
            result.reject(number, "Straße fehlt", "street is missing")
        elif len(street) > 150 or len(house_number) > 20:
            result.reject(number, "Straße oder Hausnummer zu lang", "street or house number too long")
        elif lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            result.reject(number, "Koordinaten fehlen oder sind ungültig", "coordinates missing or invalid")
        elif not territory.contains(lon, lat):
            result.reject(number, f"liegt außerhalb von {territory.name}", f"lies outside {territory.name}")
        else:
            place = _pick(row, "place")[:100]
            district = territory.district_at(lon, lat)
            if not place and district is not None:
                place = district.name
            identity = (address_key(street, house_number), normalise(place))
            if identity in seen:
                result.reject(number, "doppelte Adresse", "duplicate address")
                continue
            seen.add(identity)
            kept.append(
                {
                    "street": street,
                    "house_number": house_number,
                    "postcode": _pick(row, "postcode")[:10],
                    "place": place,
                    "lat": lat,
                    "lon": lon,
                    "search_key": identity[0][:200],
                    "place_key": identity[1],
                }
            )
    result.accepted = len(kept)
    return kept, result


async def replace_register(
    municipality_id: int,
    rows: list[dict[str, Any]],
    *,
    licence: str,
    attribution: str,
    approximate: bool = False,
) -> None:
    """The municipality's register becomes exactly these rows (one transaction)."""
    if licence not in LICENCES:
        raise UnknownLicence()
    async with Address._meta.db.transaction():
        await Address.delete().where(Address.municipality == municipality_id)
        for start in range(0, len(rows), BATCH):
            await Address.insert(*[Address(municipality=municipality_id, **row) for row in rows[start : start + BATCH]])
        await _set_source(
            municipality_id,
            {
                AddressRegister.licence: licence,
                AddressRegister.attribution: attribution.strip()[:300],
                AddressRegister.approximate: approximate,
                AddressRegister.address_count: len(rows),
                AddressRegister.imported_at: clock.now(),
            },
        )


async def clear_register(municipality_id: int) -> None:
    async with Address._meta.db.transaction():
        await Address.delete().where(Address.municipality == municipality_id)
        await _set_source(
            municipality_id,
            {
                AddressRegister.licence: "",
                AddressRegister.attribution: "",
                AddressRegister.approximate: False,
                AddressRegister.address_count: 0,
                AddressRegister.imported_at: None,
            },
        )


async def _set_source(municipality_id: int, values: dict[Any, Any]) -> None:
    if await AddressRegister.exists().where(AddressRegister.municipality == municipality_id):
        await AddressRegister.update(values).where(AddressRegister.municipality == municipality_id)
    else:
        await AddressRegister.insert(
            AddressRegister(municipality=municipality_id, **{column._meta.name: v for column, v in values.items()})
        )
