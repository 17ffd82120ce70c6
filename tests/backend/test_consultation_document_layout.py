"""The results document's layout with synthetic results: every number printed, user text literal, every page renders."""

import json
import subprocess
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import SimpleNamespace

from backend.demo import TAUNUSSTEIN_DISTRICTS
from backend.documents.consultation import render
from geo.boundaries import official_feature
from geo.svg import MapPoint
from geo.territory import Territory
from tests.factories import split_into_districts


async def _stream(items: list) -> AsyncIterator:
    """The renderer reads proposals as the database streams them."""
    for item in items:
        yield item


@dataclass
class Ranked:
    rank: int
    title: str
    body: str
    support: int
    against: int = 0
    comments: int = 0
    district: str | None = None
    successful: bool = False
    answer_status: str | None = None
    answer_text: str = ""
    top_comments: list = field(default_factory=list)


def taunusstein_territory() -> Territory:
    boundary = official_feature("06439015")["geometry"]
    districts = split_into_districts(boundary, TAUNUSSTEIN_DISTRICTS)["features"]
    return Territory.build(
        1,
        "Taunusstein",
        json.dumps(boundary),
        [(i, f["properties"]["name"], json.dumps(f["geometry"])) for i, f in enumerate(districts)],
    )


def synthetic_results(proposals: int = 30) -> SimpleNamespace:
    ranked = [
        Ranked(
            i + 1,
            f"Vorschlag Nummer {i + 1}",
            "Mehr Bänke am Platz.",
            support=500 - i * 7,
            comments=i % 5,
            district=TAUNUSSTEIN_DISTRICTS[i % 10],
            successful=i < 3,
            answer_status="accepted" if i == 0 else None,
            answer_text="Wird 2027 umgesetzt." if i == 0 else "",
            top_comments=[SimpleNamespace(stance="pro", up=12, text="Gute Idee!")] if i < 5 else [],
        )
        for i in range(proposals)
    ]
    ranked[1].title = "<b>Fett</b> & <script>alert(1)</script>"
    return SimpleNamespace(
        title="Neugestaltung Platz der Deutschen Einheit",
        summary="Wie soll der Platz aussehen?",
        starts_at=datetime(2026, 10, 1, tzinfo=UTC),
        ends_at=datetime(2026, 12, 15, tzinfo=UTC),
        totals=SimpleNamespace(participants=1234, proposals=proposals, comments=4321, votes=9876, successful=3),
        phases=[SimpleNamespace(name="Vorschläge", starts_at=datetime(2026, 10, 1), ends_at=datetime(2026, 11, 1))],
        per_week=[SimpleNamespace(label=f"KW {40 + i}", proposals=i, comments=3 * i, votes=7 * i) for i in range(8)],
        per_district=[
            SimpleNamespace(district=d, proposals=3, comments=40 + i, votes=100 * i)
            for i, d in enumerate(TAUNUSSTEIN_DISTRICTS)
        ],
        map_points=[MapPoint(8.15 + i * 0.002, 50.15 + i * 0.001, str(i + 1)) for i in range(10)],
        proposals=_stream(ranked),
        moderation=[SimpleNamespace(decision="abgelehnt", reason="personenbezogene Daten", count=7)],
        for_against=False,
    )


def pdftotext(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


async def test_the_document_prints_the_figures_and_user_text_literally(tmp_path):
    target = tmp_path / "results.pdf"
    pages = await render(synthetic_results(), taunusstein_territory(), target)
    text = pdftotext(target)
    assert "1\u202f234" in text or "1 234" in text  # participants, German grouping
    assert "9\u202f876" in text or "9 876" in text
    assert "<b>Fett</b> & <script>alert(1)</script>" in text
    assert "Wird 2027 umgesetzt." in text and "personenbezogene Daten" in text
    assert "GeoBasis" in text
    assert ("Inhalt" in text and "Seite 1 /" in text.replace("\u202f", " ")) or pages > 1
    rendered = subprocess.run(["pdftoppm", "-r", "40", "-png", str(target), str(tmp_path / "page")], check=True)
    assert rendered.returncode == 0
    assert len(list(tmp_path.glob("page-*.png"))) == pages


async def test_a_draft_is_marked_and_english_is_available(tmp_path):
    target = tmp_path / "draft.pdf"
    await render(synthetic_results(5), taunusstein_territory(), target, lang="en", draft=True)
    text = pdftotext(target)
    assert "DRAFT" in text and "Proposals by support" in text
