"""The local address register: an open file imported with a report of its rejected rows, searched by prefix,
and the nearest house to a pin; nothing asks an outside service."""

from __future__ import annotations

import json

import pytest

from geo import addresses
from geo import services as geo
from geo.addresses import importing, register
from geo.addresses.keys import normalise
from tests.factories import INSIDE, OUTSIDE

LAT, LON = INSIDE["lat"], INSIDE["lon"]

CSV = "\n".join(
    [
        "strasse;hausnummer;plz;ortsteil;lat;lon",
        f"Aarstraße;150;65232;Hahn;{LAT};{LON}",
        f"Aarstraße;152;65232;Hahn;{LAT + 0.0002};{LON}",
        f"Aarstraße;15a;65232;Hahn;{LAT + 0.0004};{LON}",
        f"Kirchstraße;3;65232;Hahn;{LAT - 0.0010};{LON + 0.0010}",
        f"Kirchstraße;4;65232;Wehen;{LAT - 0.0030};{LON - 0.0020}",
        f";7;65232;Hahn;{LAT};{LON}",
        f"Feldweg;1;65232;Hahn;{OUTSIDE['lat']};{OUTSIDE['lon']}",
        "Bergstraße;2;65232;Hahn;x;8.1",
        f"Aarstraße;150;65232;Hahn;{LAT};{LON}",
    ]
)


async def _import(municipality, content: str = CSV, **kwargs):
    rows, result = importing.parse(content.encode(), await geo.territory_of(municipality))
    await importing.replace_register(municipality.id, rows, licence="dl-de/by-2-0", attribution="Test", **kwargs)
    return result


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Aarstraße 150", "aarstr 150"),
        ("AARSTRASSE 150", "aarstr 150"),
        ("aarstr. 15 a", "aarstr 15a"),
        ("Hühnerkamp", "huehnerkamp"),
        ("  Am  Weiher,", "am weiher"),
    ],
)
def test_typed_and_stored_addresses_share_one_key(text, key):
    assert normalise(text) == key


async def test_the_import_keeps_valid_points_inside_and_reports_every_rejected_row(taunusstein):
    result = await _import(taunusstein)
    assert result.accepted == 5
    reasons = {r.row: r.reason_en for r in result.rejected}
    assert reasons == {
        7: "street is missing",
        8: "lies outside Taunusstein",
        9: "coordinates missing or invalid",
        10: "duplicate address",
    }
    assert {r.row: r.reason_de for r in result.rejected}[8] == "liegt außerhalb von Taunusstein"
    status = await addresses.status_of(taunusstein.id)
    assert (status.address_count, status.licence) == (5, "dl-de/by-2-0")


async def test_a_typed_street_and_number_finds_the_house(taunusstein):
    await _import(taunusstein)
    found = await register.search(taunusstein.id, "Aarstraße 150")
    assert [f.label for f in found] == ["Aarstraße 150, 65232 Hahn"]
    assert (found[0].lat, found[0].lon) == (LAT, LON)
    numbers = [f.house_number for f in await register.search(taunusstein.id, "aarstr 15")]
    assert numbers == ["15a", "150", "152"]


async def test_a_place_and_a_street_in_either_order_find_the_street_there(taunusstein):
    await _import(taunusstein)
    for query in ("Hahn, Kirchstraße", "Kirchstr, Hahn"):
        found = await register.search(taunusstein.id, query)
        assert [(f.street, f.place, f.house_number) for f in found] == [("Kirchstraße", "Hahn", "")]
    streets = await register.search(taunusstein.id, "Kirch")
    assert sorted(f.place for f in streets) == ["Hahn", "Wehen"]


async def test_the_nearest_house_answers_a_pin_and_a_far_pin_gets_none(taunusstein):
    await _import(taunusstein)
    near = await register.reverse(taunusstein.id, LAT + 0.00005, LON)
    assert near is not None and near.label == "Aarstraße 150, 65232 Hahn"
    assert near.distance_m is not None and 5 < near.distance_m < 6
    assert await register.reverse(taunusstein.id, LAT + 0.02, LON + 0.02) is None


async def test_a_geojson_extract_with_osm_tags_and_buildings_is_imported(taunusstein):
    square = [[LON, LAT], [LON + 0.0002, LAT], [LON + 0.0002, LAT + 0.0002], [LON, LAT + 0.0002], [LON, LAT]]
    features = [
        {
            "type": "Feature",
            "properties": {"addr:street": "Aarstraße", "addr:housenumber": "1", "addr:postcode": "65232"},
            "geometry": {"type": "Point", "coordinates": [LON, LAT]},
        },
        {
            "type": "Feature",
            "properties": {"addr:street": "Aarstraße", "addr:housenumber": "2"},
            "geometry": {"type": "Polygon", "coordinates": [square]},
        },
        {"type": "Feature", "properties": {"addr:street": "Aarstraße"}, "geometry": None},
    ]
    result = await _import(taunusstein, json.dumps({"type": "FeatureCollection", "features": features}))
    assert result.accepted == 2
    assert [(r.row, r.reason_en) for r in result.rejected] == [(3, "feature without a readable geometry")]
    found = await register.search(taunusstein.id, "Aarstraße 2")
    assert found[0].place  # the district it lies in, since the file names none


async def test_a_new_import_replaces_the_register_and_deleting_empties_it(taunusstein):
    await _import(taunusstein)
    await _import(taunusstein, f"street,housenumber,lat,lon\nLindenweg,1,{LAT},{LON}\n", approximate=True)
    assert [f.street for f in await register.search(taunusstein.id, "a")] == []
    found = await register.search(taunusstein.id, "Linden")
    assert found[0].approximate is True
    await importing.clear_register(taunusstein.id)
    assert await register.search(taunusstein.id, "Linden") == []
    assert (await addresses.status_of(taunusstein.id)).address_count == 0


@pytest.mark.parametrize(
    ("content", "part"),
    [
        (b"\xff\xfe\x00", "UTF-8"),
        (b"name,foo\nx,y\n", "street"),
        (b'{"type": "Feature"}', "FeatureCollection"),
        (b"{broken", "JSON"),
    ],
)
async def test_an_unreadable_file_is_refused_naming_the_field(taunusstein, content, part):
    with pytest.raises(importing.UnreadableAddressFile) as error:
        importing.parse(content, await geo.territory_of(taunusstein))
    assert error.value.field == "data"
    assert part in error.value.en or part in error.value.de


async def test_words_inside_a_street_name_are_found_when_the_prefix_finds_too_little(taunusstein):
    await _import(taunusstein, CSV + f"\nHauptkirchstraße;3;65232;Wehen;{LAT + 0.001};{LON + 0.001}")
    found = await register.search(taunusstein.id, "kirchstraße 3")
    assert [f.label for f in found] == ["Kirchstraße 3, 65232 Hahn", "Hauptkirchstraße 3, 65232 Wehen"]
    assert [f.street for f in await register.search(taunusstein.id, "hauptkirch")] == ["Hauptkirchstraße"]
    # Fewer than three letters: only by prefix (a trigram index cannot help, and it would match everything).
    assert [f.street for f in await register.search(taunusstein.id, "ki")] == ["Kirchstraße", "Kirchstraße"]
    # Both spellings the issue names still come first.
    assert (await register.search(taunusstein.id, "Aarstraße 150"))[0].label == "Aarstraße 150, 65232 Hahn"
    assert (await register.search(taunusstein.id, "Hahn, Kirchstraße"))[0].street == "Kirchstraße"


async def test_on_postgresql_the_infix_search_is_answered_from_the_trigram_index(taunusstein):
    from geo.tables import Address

    db = Address._meta.db
    if db.engine_type != "postgres":
        pytest.skip("the trigram index is PostgreSQL's (SQLite reads the municipality's keys)")
    await _import(taunusstein)
    indexes = await Address.raw("SELECT indexname FROM pg_indexes WHERE tablename = 'geo_address'")
    assert "geo_address_trigram" in {i["indexname"] for i in indexes}
    async with db.transaction():
        # five rows: the planner would rather scan (the bench shows the plan with 50,000 addresses)
        await Address.raw("SET LOCAL enable_seqscan = off")
        plan = await Address.raw("EXPLAIN SELECT id FROM geo_address WHERE search_key LIKE {}", "%kirchstr%3%")
    assert "geo_address_trigram" in " ".join(str(r) for r in plan)
