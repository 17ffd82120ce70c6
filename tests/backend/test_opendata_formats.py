"""Open data formats: what a spreadsheet or GIS user opens must hold exactly the rows given."""

import json
from collections.abc import AsyncIterator

import geojson
from openpyxl import load_workbook

from backend.opendata import Column, csv_stream, geojson_stream, xlsx_file

COLUMNS = [Column("id", "Nr."), Column("title", "Titel"), Column("support", "Unterstützung")]
ROWS = [
    {"id": 1, "title": "Mehr Bänke in Wehen", "support": 12, "lon": 8.178, "lat": 50.158},
    {"id": 2, "title": 'Ein "Zitat", mit Komma', "support": 0, "lon": None, "lat": None},
]


async def rows() -> AsyncIterator[dict]:
    for row in ROWS:
        yield row


async def test_csv_has_header_rows_and_the_licence():
    text = "".join([chunk async for chunk in csv_stream(COLUMNS, rows(), "dl-de/by-2-0")])
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[0] == "Nr.,Titel,Unterstützung,licence"
    assert lines[2] == '2,"Ein ""Zitat"", mit Komma",0,dl-de/by-2-0'


async def test_geojson_is_valid_and_keeps_rows_without_location():
    text = "".join([chunk async for chunk in geojson_stream(rows(), "dl-de/by-2-0", "Stadt Taunusstein")])
    collection = json.loads(text)
    assert geojson.loads(text).is_valid
    assert collection["licence"] == "dl-de/by-2-0"
    assert [f["geometry"] for f in collection["features"]][1] is None
    assert collection["features"][0]["properties"]["title"] == "Mehr Bänke in Wehen"


async def test_xlsx_opens_with_numbers_as_numbers():
    path = await xlsx_file(COLUMNS, rows(), "dl-de/by-2-0", "Vorschläge")
    try:
        sheet = load_workbook(path).worksheets[0]
        values = list(sheet.values)
        assert values[0] == ("Nr.", "Titel", "Unterstützung")
        assert values[1] == (1, "Mehr Bänke in Wehen", 12)
    finally:
        path.unlink()
