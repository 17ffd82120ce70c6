"""The municipality's logo reaches the first page of its PDFs (loaded from the one file the cover names)."""

import io
import subprocess
from datetime import date
from types import SimpleNamespace

from PIL import Image

from backend.documents.defects import render
from backend.documents.pdf import Cover
from media.photos import PhotoStore


def statistics() -> SimpleNamespace:
    return SimpleNamespace(
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 3, 31),
        total=3,
        open=1,
        closed=2,
        median_days_to_close=2.0,
        by_category=[SimpleNamespace(name="Straßenbeleuchtung", total=3, open=1, closed=2)],
        by_district=[SimpleNamespace(name="Wehen", total=3)],
        by_status=[SimpleNamespace(label="Erledigt", group="closed", count=2)],
        longest_open=[],
    )


def images_on_page_one(pdf) -> list[str]:
    listing = subprocess.run(["pdfimages", "-f", "1", "-l", "1", "-list", str(pdf)], capture_output=True, text=True)
    return listing.stdout.splitlines()[2:]  # two header lines


async def test_the_logo_from_the_photo_store_is_on_the_first_page(tmp_path):
    picture = io.BytesIO()
    Image.new("RGBA", (120, 140), (160, 20, 40, 255)).save(picture, format="PNG")
    stored = PhotoStore(tmp_path / "media").ingest_logo(picture.getvalue())
    target = tmp_path / "with-logo.pdf"
    await render(
        statistics(),
        target,
        municipality_name="Taunusstein",
        cover=Cover(logo=PhotoStore(tmp_path / "media").path(stored.key), council_name="Gemeindevertretung"),
    )
    assert len(images_on_page_one(target)) >= 1
    without = tmp_path / "without-logo.pdf"
    await render(statistics(), without, municipality_name="Taunusstein")
    assert images_on_page_one(without) == []
