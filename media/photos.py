"""Photo intake with Pillow: the type comes from the bytes, never from the name or the header.

Every photo is decoded, turned upright (EXIF orientation applied), and saved anew without any
metadata: GPS position, camera and owner never reach the store. A thumbnail is made alongside.
"""

from __future__ import annotations

import io
import secrets
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from media.errors import ImageTooLarge, TooManyPixels, UnsupportedImage

if TYPE_CHECKING:
    from PIL import Image

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
MAX_BYTES = 10 * 1024 * 1024
MAX_EDGE = 2560  # larger photos are scaled down; enough for any screen and for a PDF
THUMB_EDGE = 400
LOGO_MAX_BYTES = 2 * 1024 * 1024  # a coat of arms or logo is a small picture
LOGO_EDGE = 512  # shown at most ~4 cm high in the PDFs, 3 rem in the header
SCALES_BEFORE_CONVERT = {"RGB", "L", "CMYK", "YCbCr"}
MAX_PIXELS = 60_000_000  # 60 megapixels: more than any phone camera, far less than a decompression bomb
# PNG and WebP cannot be decoded at a reduced scale as JPEG can: every pixel is held at once, and a 170 KB PNG of
# 59 megapixels took a worker to 350–580 MB. Measured peaks at these limits: PNG 24 MP ≈ 190–210 MB, WebP 12 MP
# (libwebp decodes into a buffer of its own first, ~16 bytes a pixel) ≈ 200 MB, JPEG 59 MP ≈ 140 MB.
# No phone photo comes as such a PNG or WebP; screenshots are far smaller.
MAX_PIXELS_FULL_DECODE = 24_000_000
MAX_PIXELS_WEBP = 12_000_000
PIXEL_LIMITS = {"JPEG": MAX_PIXELS, "PNG": MAX_PIXELS_FULL_DECODE, "WEBP": MAX_PIXELS_WEBP}


def _pillow() -> Any:
    """Pillow's Image module, imported on the first photo (not when the app loads) with our pixel limit set."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # Pillow only warns up to twice this; _open refuses by the header's size
    return Image


@dataclass(frozen=True)
class StoredPhoto:
    key: str  # file name of the full image inside the store; the thumbnail is "<stem>.thumb.jpg"
    width: int
    height: int
    bytes: int

    @property
    def thumb_key(self) -> str:
        return thumb_key_of(self.key)


def thumb_key_of(key: str) -> str:
    return key.rsplit(".", 1)[0] + ".thumb.jpg"


def _open(data: bytes, field: str, max_bytes: int = MAX_BYTES) -> Image.Image:
    if len(data) > max_bytes:
        raise ImageTooLarge(max_bytes // (1024 * 1024), field)
    Image = _pillow()  # noqa: N806 (the module, under Pillow's own name)
    from PIL import UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # refused just below, not warned
            image = Image.open(io.BytesIO(data))
        if image.format not in ACCEPTED_FORMATS:
            raise UnsupportedImage(field)
        limit = PIXEL_LIMITS[image.format]
        if image.width * image.height > limit:  # from the header, before a single pixel is decoded
            raise TooManyPixels(limit // 1_000_000, field)
        if image.format == "JPEG":
            # Decode at 1/2, 1/4 or 1/8 scale when the photo is larger than we keep anyway: a fraction of the
            # memory and time (JPEG's DCT scaling), and nothing lost that _normalise would not discard.
            image.draft("RGB", (MAX_EDGE, MAX_EDGE))
        image.load()
    except Image.DecompressionBombError:
        raise TooManyPixels(MAX_PIXELS_WEBP // 1_000_000, field) from None  # past every limit; format unread
    except (UnidentifiedImageError, OSError, SyntaxError):
        raise UnsupportedImage(field) from None
    return image


def _normalise(image: Image.Image) -> Image.Image:
    """Upright, at most MAX_EDGE, RGB: in place where Pillow allows, scaled down before converting, so a large
    photo is held in memory once at its decoded size, not three times."""
    from PIL import ImageOps

    ImageOps.exif_transpose(image, in_place=True)
    if image.mode not in SCALES_BEFORE_CONVERT:  # palette and bilevel images would be scaled with NEAREST
        image = image.convert("RGB")
    image.thumbnail((MAX_EDGE, MAX_EDGE))
    return image if image.mode == "RGB" else image.convert("RGB")


def _jpeg(image: Image.Image, quality: int = 85) -> bytes:
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=quality, optimize=True)  # no exif= : nothing carried over
    return out.getvalue()


class PhotoStore:
    """Photos as files in one folder (local disk by default; the interface fits an S3 bucket too)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, key: str) -> Path:
        if "/" in key or "\\" in key or key.startswith("."):
            raise UnsupportedImage("key")
        return self.root / key

    def read(self, key: str) -> bytes:
        return self.path(key).read_bytes()

    def ingest(self, data: bytes, field: str = "photos") -> StoredPhoto:
        """Validate, clean and store an upload; raises UnsupportedImage, ImageTooLarge or TooManyPixels.

        Decoding takes about 0.7 s for a 12-megapixel photo: call it off the event loop (a thread)."""
        image = _normalise(_open(data, field))
        return self._write(image)

    def ingest_logo(self, data: bytes, field: str = "logo") -> StoredPhoto:
        """A logo or coat of arms: sniffed and limited like a photo, re-encoded as PNG (transparency kept,
        no metadata), at most LOGO_EDGE pixels; no thumbnail."""
        from PIL import ImageOps

        image = _open(data, field, LOGO_MAX_BYTES)
        ImageOps.exif_transpose(image, in_place=True)
        image = image.convert("RGBA")
        image.thumbnail((LOGO_EDGE, LOGO_EDGE))
        self.root.mkdir(parents=True, exist_ok=True)
        key = f"logo-{secrets.token_hex(12)}.png"
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=True)  # no pnginfo=, exif= : nothing carried over
        self.path(key).write_bytes(out.getvalue())
        return StoredPhoto(key=key, width=image.width, height=image.height, bytes=out.tell())

    def _write(self, image: Image.Image) -> StoredPhoto:
        self.root.mkdir(parents=True, exist_ok=True)
        key = f"{secrets.token_hex(12)}.jpg"
        full = _jpeg(image)
        self.path(key).write_bytes(full)
        thumb = image.copy()
        thumb.thumbnail((THUMB_EDGE, THUMB_EDGE))
        self.path(thumb_key_of(key)).write_bytes(_jpeg(thumb, quality=80))
        return StoredPhoto(key=key, width=image.width, height=image.height, bytes=len(full))

    def redact(self, key: str, box: tuple[float, float, float, float]) -> StoredPhoto:
        """A new photo with the region (x, y, width, height as fractions of the image) blurred beyond
        recognition; the original file stays for the audit trail until it is deleted."""
        from PIL import ImageFilter

        image = _pillow().open(self.path(key)).convert("RGB")
        x, y, w, h = box
        left, top = int(x * image.width), int(y * image.height)
        right, bottom = int((x + w) * image.width), int((y + h) * image.height)
        if right <= left or bottom <= top:
            raise UnsupportedImage("region")
        region = image.crop((left, top, right, bottom))
        small = region.resize((max(1, region.width // 24), max(1, region.height // 24)))
        image.paste(small.resize(region.size).filter(ImageFilter.GaussianBlur(8)), (left, top))
        return self._write(image)

    def delete(self, key: str) -> None:
        self.path(key).unlink(missing_ok=True)
        self.path(thumb_key_of(key)).unlink(missing_ok=True)
