"""Decompression bombs are refused by their pixel count before a pixel is decoded: a small PNG that claims
10000×11000 pixels (or a JPEG past 60 megapixels, a PNG past 24, a WebP past 12) is a 422 naming the field, in
German and English, wherever a photo comes in (proposal photos, defect report photos, the consultation cover)."""

import io
import struct

import pytest
from PIL import Image

from media.errors import TooManyPixels
from media.photos import PhotoStore
from tests.defects.factories import file, pothole, town_with_categories
from tests.factories import INSIDE, logged_in, person, proposal_form
from tests.media.test_photos import png_header
from tests.proposals.factories import admin_of, consultation
from tests.support.moderation import post_moderated

M = "/api/v1/municipalities/taunusstein"
BOMB = png_header(10_000, 11_000)  # what the attacker sent: 110 megapixels in a few hundred bytes


def jpeg_header(width: int, height: int) -> bytes:
    """A real small JPEG whose frame header (SOF0) claims another size."""
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "red").save(buffer, format="JPEG")
    data = bytearray(buffer.getvalue())
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def webp_header(width: int, height: int) -> bytes:
    """A real small lossless WebP whose VP8L header claims another size."""
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "red").save(buffer, format="WEBP", lossless=True)
    data = bytearray(buffer.getvalue())
    start = data.index(b"VP8L") + 9  # after the chunk header and the 0x2f signature
    old = struct.unpack("<I", data[start : start + 4])[0]
    bits = (width - 1) | ((height - 1) << 14) | (old & ~((1 << 28) - 1))
    data[start : start + 4] = struct.pack("<I", bits)
    return bytes(data)


def small_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(buffer, format="PNG")
    return buffer.getvalue()


def assert_refused(response, field: str) -> None:
    assert response.status_code == 422, response.text
    problem = response.json()
    assert response.headers["content-type"].startswith("application/problem+json")
    assert problem["errors"][0]["field"] == field
    assert "Megapixel" in problem["detail_de"] and "megapixels" in problem["detail_en"]


@pytest.mark.parametrize(
    ("data", "limit"),
    [
        (png_header(5_000, 5_000), "24"),
        (png_header(10_000, 11_000), "24"),
        (jpeg_header(8_000, 8_000), "60"),
        (webp_header(4_000, 4_000), "12"),
    ],
)
def test_a_photo_past_the_pixel_limit_of_its_format_is_refused_from_its_header(tmp_path, data, limit):
    assert len(data) < 1_000
    with pytest.raises(TooManyPixels) as refused:
        PhotoStore(tmp_path).ingest(data, field="photos[0]")
    assert limit in refused.value.de and limit in refused.value.en
    assert list(tmp_path.iterdir()) == []


def test_a_large_phone_photo_is_kept_scaled_down_and_upright(tmp_path):
    exif = Image.Exif()
    exif[0x0112] = 6  # taken in portrait: the camera says "rotate 90°"
    buffer = io.BytesIO()
    Image.new("RGB", (6_000, 4_000), "blue").save(buffer, format="JPEG", exif=exif)  # 24 megapixels as a JPEG
    stored = PhotoStore(tmp_path).ingest(buffer.getvalue())
    assert (stored.width, stored.height) == (1_707, 2_560)


async def test_a_proposal_with_a_bomb_among_its_photos_is_refused_naming_that_photo(client, taunusstein):
    await post_moderated(taunusstein)
    cid = await consultation(taunusstein, await admin_of(taunusstein))
    await person("anna@example.org")
    await logged_in(client, "anna@example.org")
    body = {"title": "Mit Foto", "body": "Drei Fotos", "location": INSIDE}
    response = await client.post(
        f"{M}/consultations/{cid}/proposals", files=proposal_form(body, [small_png(), BOMB, small_png()])
    )
    assert_refused(response, "photos[1]")


async def test_a_defect_report_with_a_bomb_is_refused(client, taunusstein, mailbox):
    await post_moderated(taunusstein)
    await town_with_categories(taunusstein)
    assert_refused(await file(client, "taunusstein", pothole(), [BOMB]), "photos[0]")


async def test_a_bomb_as_consultation_cover_is_refused(client, taunusstein):
    admin = await admin_of(taunusstein)
    cid = await consultation(taunusstein, admin)
    await logged_in(client, "admin@taunusstein.example")
    response = await client.put(f"{M}/consultations/{cid}/cover", files={"data": ("cover.png", BOMB, "image/png")})
    assert_refused(response, "cover")
