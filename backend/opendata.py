"""Open data files (CSV, GeoJSON, XLSX) streamed from row iterators the domain packages provide.

Rows carry no personal data by construction: the domain functions select only public columns.
Every file names its licence (set per municipality) and source, as dl-de/by asks.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geo.spreadsheet import safe_cell


@dataclass(frozen=True)
class Column:
    key: str
    title: str


def _csv_line(values: Sequence[Any]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow([safe_cell(v) for v in values])
    return buffer.getvalue()


async def csv_stream(
    columns: Sequence[Column], rows: AsyncIterator[dict[str, Any]], licence: str
) -> AsyncIterator[str]:
    """CSV with a header row; the licence travels in the companion `licence` column of every row."""
    yield "\ufeff"  # BOM: spreadsheet programs then read the umlauts right
    yield _csv_line([c.title for c in columns] + ["licence"])
    async for row in rows:
        yield _csv_line([row.get(c.key) for c in columns] + [licence])


async def geojson_stream(rows: AsyncIterator[dict[str, Any]], licence: str, attribution: str) -> AsyncIterator[str]:
    """A FeatureCollection; rows need `lon`, `lat` (or None) and their other keys become properties."""
    yield json.dumps({"type": "FeatureCollection", "licence": licence, "attribution": attribution})[:-1]
    yield ', "features": ['
    first = True
    async for row in rows:
        properties = {k: v for k, v in row.items() if k not in {"lon", "lat"}}
        geometry = None if row.get("lon") is None else {"type": "Point", "coordinates": [row["lon"], row["lat"]]}
        feature = {"type": "Feature", "id": row.get("id"), "geometry": geometry, "properties": properties}
        yield ("" if first else ",") + json.dumps(feature, ensure_ascii=False, default=str)
        first = False
    yield "]}"


async def xlsx_file(columns: Sequence[Column], rows: AsyncIterator[dict[str, Any]], licence: str, sheet: str) -> Path:
    """An XLSX workbook written row by row (XlsxWriter's constant_memory mode); the caller deletes the file."""
    import xlsxwriter  # here, not at the top: only an export needs it, and it costs every worker's start-up

    handle = tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False)
    handle.close()
    workbook = xlsxwriter.Workbook(handle.name, {"constant_memory": True, "strings_to_urls": False})
    worksheet = workbook.add_worksheet(sheet[:31])
    bold = workbook.add_format({"bold": True})
    for index, column in enumerate(columns):
        worksheet.write_string(0, index, column.title, bold)
    line = 1
    async for row in rows:
        for index, column in enumerate(columns):
            value = row.get(column.key)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                worksheet.write_number(line, index, value)
            elif value is not None:
                # write_string, never write(): a text cell stays text, so "=HYPERLINK(…)" is never a formula
                worksheet.write_string(line, index, str(value))
        line += 1
    notes = workbook.add_worksheet("Lizenz")
    notes.write_string(0, 0, f"Lizenz / licence: {licence}")
    workbook.close()
    return Path(handle.name)
