"""The Mängelmelder statistics document's layout with synthetic statistics."""

import subprocess
from datetime import date
from types import SimpleNamespace

from backend.documents.defects import render


async def test_the_period_document_prints_counts_median_and_longest_open(tmp_path):
    statistics = SimpleNamespace(
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 6, 30),
        total=4321,
        open=321,
        closed=4000,
        median_days_to_close=6.5,
        by_category=[
            SimpleNamespace(name="Straßenbeleuchtung", total=1200, open=20, closed=1180),
            SimpleNamespace(name="Wilde Müllablagerung", total=800, open=100, closed=700),
        ],
        by_district=[SimpleNamespace(name="Wehen", total=900), SimpleNamespace(name="Hahn", total=700)],
        by_status=[
            SimpleNamespace(label="Erledigt", group="closed", count=4000),
            SimpleNamespace(label="In Bearbeitung", group="open", count=321),
        ],
        longest_open=[SimpleNamespace(id=17, category="Ampel", district="Orlen", status="In Prüfung", days_open=143)],
    )
    target = tmp_path / "defects.pdf"
    pages = await render(statistics, target, municipality_name="Taunusstein")
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    text = text.replace("\u202f", " ")
    assert pages >= 2
    assert "4 321" in text and "6,5 Tage" in text and "143" in text and "Straßenbeleuchtung" in text
