"""Photo intake: only real images, upright, without metadata, with a thumbnail."""

import io

import pytest
from PIL import Image

from media.errors import ImageTooLarge, UnsupportedImage
from media.photos import PhotoStore

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def jpeg_with_gps_rotated() -> bytes:
    """A 300x100 photo whose EXIF says: rotate 90° to view, taken at a GPS position, by a named camera."""
    image = Image.new("RGB", (300, 100), "red")
    exif = Image.Exif()
    exif[ORIENTATION] = 6  # rotate 90° clockwise to display
    exif[0x010F] = "SpyCam Inc."  # Make
    exif.get_ifd(GPS_IFD)[2] = (50.0, 9.0, 36.0)  # GPSLatitude
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_a_photo_is_stored_upright_without_gps_or_camera(tmp_path):
    store = PhotoStore(tmp_path)
    stored = store.ingest(jpeg_with_gps_rotated())
    saved = Image.open(io.BytesIO(store.read(stored.key)))
    assert (saved.width, saved.height) == (100, 300)  # orientation applied
    exif = saved.getexif()
    assert ORIENTATION not in exif and 0x010F not in exif and not exif.get_ifd(GPS_IFD)
    assert b"SpyCam" not in store.read(stored.key)
    assert Image.open(store.path(stored.thumb_key)).format == "JPEG"


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_are_accepted_and_reencoded_as_jpeg(tmp_path, fmt):
    out = io.BytesIO()
    Image.new("RGBA", (50, 40), (0, 128, 0, 128)).save(out, format=fmt)
    stored = PhotoStore(tmp_path).ingest(out.getvalue())
    assert Image.open(PhotoStore(tmp_path).path(stored.key)).format == "JPEG"


def test_a_file_that_only_claims_to_be_a_photo_is_refused(tmp_path):
    with pytest.raises(UnsupportedImage):
        PhotoStore(tmp_path).ingest(b"<html><script>alert(1)</script></html>")
    gif = io.BytesIO()
    Image.new("RGB", (10, 10)).save(gif, format="GIF")
    with pytest.raises(UnsupportedImage):
        PhotoStore(tmp_path).ingest(gif.getvalue())
    assert list(tmp_path.iterdir()) == []


def test_a_photo_over_ten_megabytes_is_refused(tmp_path):
    with pytest.raises(ImageTooLarge):
        PhotoStore(tmp_path).ingest(b"\xff\xd8" + b"0" * (10 * 1024 * 1024 + 1))


def test_a_redacted_region_no_longer_shows_the_original(tmp_path):
    store = PhotoStore(tmp_path)
    image = Image.new("RGB", (200, 200), "white")
    for x in range(0, 100, 2):  # a sharp stripe pattern, as a licence plate would be
        for y in range(100):
            image.putpixel((x, y), (0, 0, 0))
    out = io.BytesIO()
    image.save(out, format="PNG")
    original = store.ingest(out.getvalue())
    redacted = Image.open(store.path(store.redact(original.key, (0, 0, 0.5, 0.5)).key)).convert("L")
    stripes = [redacted.getpixel((x, 50)) for x in range(10, 20)]
    assert max(stripes) - min(stripes) < 40  # the stripes are blurred away
    assert redacted.getpixel((150, 150)) > 240  # the rest is untouched


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims a size in its header, without the pixels: what a decompression bomb looks like first."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


@pytest.mark.parametrize("side", [9_000, 12_000])  # 81 and 144 megapixels: Pillow only warns below 120
def test_a_photo_with_too_many_pixels_is_refused_before_it_is_decoded(tmp_path, side):
    from media.errors import TooManyPixels

    with pytest.raises(TooManyPixels) as refused:
        PhotoStore(tmp_path).ingest(png_header(side, side), field="photos[2]")
    assert refused.value.field == "photos[2]" and "Megapixel" in refused.value.de
    assert list(tmp_path.iterdir()) == []
