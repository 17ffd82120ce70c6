"""The demo's small address register of Taunusstein: real street names, invented points.

Each district gets a few streets laid out as short straight lines of houses around a rough centre of the
district (our own estimate, not copied from any data set); the register is marked approximate, licensed CC0
and attributed as sample data, so nobody mistakes it for the official house coordinates.
"""

from __future__ import annotations

import math
from typing import Any

from geo import services as geo
from geo.addresses import importing
from geo.addresses.keys import address_key, normalise
from geo.demo_districts import DISTRICT_CENTRES
from geo.measure import METRES_PER_DEGREE_LAT
from geo.tables import Municipality
from geo.territory import Territory

ATTRIBUTION = "Beispieldaten von stadtstimme: Straßennamen mit erfundener, ungefährer Lage (CC0)"
POSTCODE = "65232"
HOUSES = 24
SPACING_M = 14.0

# District: streets as (name, bearing in degrees), laid out around the district's centre (geo/demo_districts.py).
STREETS: dict[str, list[tuple[str, float]]] = {
    "Hahn": [("Aarstraße", 20), ("Kirchstraße", 100), ("Schulstraße", 60), ("Bahnhofstraße", 150)],
    "Wehen": [("Platter Straße", 70), ("Kirchstraße", 140), ("Weiherstraße", 10)],
    "Bleidenstadt": [("Aarstraße", 0), ("Stiftstraße", 90), ("Am Sportplatz", 135)],
    "Neuhof": [("Limburger Straße", 30), ("Hauptstraße", 110)],
    "Orlen": [("Hauptstraße", 80), ("Gartenstraße", 170)],
    "Hambach": [("Hambacher Straße", 50), ("Ringstraße", 120)],
    "Seitzenhahn": [("Taunusstraße", 60)],
    "Watzhahn": [("Dorfstraße", 80)],
    "Wingsbach": [("Brunnenstraße", 30)],
    "Niederlibbach": [("Lindenstraße", 100)],
}


def demo_rows(territory: Territory) -> list[dict[str, Any]]:
    rows, seen = [], set()
    for place, streets in STREETS.items():
        lat, lon = DISTRICT_CENTRES[place]
        kx = METRES_PER_DEGREE_LAT * math.cos(math.radians(lat))
        for street, bearing in streets:
            dx, dy = math.sin(math.radians(bearing)), math.cos(math.radians(bearing))
            for number in range(1, HOUSES + 1):
                along = (number - HOUSES / 2) * SPACING_M
                side = 12.0 if number % 2 else -12.0  # odd numbers on one side, even on the other
                east = along * dx + side * dy
                north = along * dy - side * dx
                point_lat, point_lon = lat + north / METRES_PER_DEGREE_LAT, lon + east / kx
                identity = (address_key(street, str(number)), normalise(place))
                if identity in seen or not territory.contains(point_lon, point_lat):
                    continue
                seen.add(identity)
                rows.append(
                    {
                        "street": street,
                        "house_number": str(number),
                        "postcode": POSTCODE,
                        "place": place,
                        "lat": round(point_lat, 6),
                        "lon": round(point_lon, 6),
                        "search_key": identity[0],
                        "place_key": identity[1],
                    }
                )
    return rows


async def load(municipality: Municipality) -> int:
    """Fill the municipality's register with the demo streets; returns how many houses."""
    rows = demo_rows(await geo.territory_of(municipality))
    await importing.replace_register(
        municipality.id, rows, licence="CC0-1.0", attribution=ATTRIBUTION, approximate=True
    )
    return len(rows)
