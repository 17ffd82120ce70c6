"""The PDF machinery: tagged PDF/UA with language and title, real text, user text never interpreted."""

import re
import subprocess
import zlib

from shapely.geometry import box

from backend.documents.charts import bar_chart
from backend.documents.pdf import german_number, render_pdf
from geo.svg import MapPoint, municipality_map


def test_german_numbers_group_thousands_and_use_a_decimal_comma():
    assert german_number(1234567) == "1\u202f234\u202f567"
    assert german_number(3.5, 1) == "3,5"


def test_a_map_svg_draws_points_with_escaped_labels():
    svg = municipality_map(
        box(8.1, 50.1, 8.3, 50.2),
        [("Wehen", box(8.1, 50.1, 8.2, 50.2))],
        [MapPoint(8.15, 50.15, "<1>")],
        title="Karte",
        description="Drei Vorschläge",
    )
    assert svg.count("<circle") == 1 and "&lt;1&gt;" in svg and "<title" in svg


async def test_a_document_pdf_is_tagged_has_language_and_title_and_shows_user_text_literally(tmp_path):
    target = tmp_path / "probe.pdf"
    pages = await render_pdf(
        "probe.html.j2",
        {
            "lang": "de",
            "title": "Probebericht",
            "subtitle": "Test",
            "municipality_name": "Taunusstein",
            "running_title": "Probe",
            "labels": {"page": "Seite"},
            "generated_label": "erstellt",
            "brand_color": "#00577b",
            "user_text": "<script>alert('x')</script><b>fett</b>",
            "chart": bar_chart([("Wehen", 12), ("Hahn", 3)], title="Beiträge je Stadtteil", chart_id="c1"),
        },
        target,
    )
    assert pages >= 1
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert "<script>alert('x')</script><b>fett</b>" in text
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True).stdout
    assert "Title:           Probebericht" in info and "Tagged:          yes" in info
    assert "/Lang (de)" in pdf_objects_text(target.read_bytes()).replace("/Lang(de)", "/Lang (de)")


def pdf_objects_text(raw: bytes) -> str:
    """The PDF's objects as text, with compressed object streams inflated."""
    parts = [raw]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", raw, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts).decode("latin-1")


async def test_chart_and_map_labels_are_real_text_in_the_pdf(tmp_path):
    """Numbers and labels inside the SVG drawings reach the PDF as text (found by search, read aloud)."""
    target = tmp_path / "probe.pdf"
    map_svg = municipality_map(
        box(8.1, 50.1, 8.3, 50.2), [], [MapPoint(8.15, 50.15, "R77")], title="Karte", description="Ein Vorschlag"
    )
    await render_pdf(
        "probe.html.j2",
        {
            "lang": "de",
            "title": "Probe",
            "subtitle": "",
            "municipality_name": "T",
            "running_title": "",
            "labels": {"page": "S"},
            "generated_label": "",
            "brand_color": "#00577b",
            "user_text": "",
            "chart": bar_chart([("Wehen", 4242)], title="Stimmen", chart_id="c1") + map_svg,
        },
        target,
    )
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert "4242" in text and "R77" in text
