"""The municipality's profile: how it introduces itself (name, contact, logo, colour, council, licence, map).

The rules live here and are pure: a colour is refused when white text on it (the header, primary buttons) or
it as text on the white page falls below WCAG AA (4.5:1), computed with WCAG 2.x's relative luminance.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, Literal, cast

from piccolo.columns import Column
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic.networks import validate_email
from pydantic_core import PydanticCustomError

from geo.tables import Municipality

# The four licences an open data export may carry (https://www.govdata.de/lizenzen, creativecommons.org).
LICENCES = ("dl-de/by-2-0", "dl-de/zero-2-0", "CC-BY-4.0", "CC0-1.0")
Licence = Literal["dl-de/by-2-0", "dl-de/zero-2-0", "CC-BY-4.0", "CC0-1.0"]

# Hesse's municipal code (HGO §§ 9, 49): a town's council is the Stadtverordnetenversammlung, a municipality's
# the Gemeindevertretung.
TOWN_COUNCIL = "Stadtverordnetenversammlung"
MUNICIPAL_COUNCIL = "Gemeindevertretung"

PAGE_BACKGROUND = "#ffffff"  # --paper in frontend/css/app.css; white text on the brand colour is the same pair
MIN_CONTRAST = 4.5  # WCAG 2.x success criterion 1.4.3 (AA), normal text
MAX_OPENING_LINES = 14
MAX_LINE = 120

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
PHONE = re.compile(r"^\+?[0-9][0-9 ()/\-]*[0-9]$")


def default_council_name(properties: dict[str, Any]) -> str:
    """The council's name for a new municipality from the shipped properties.

    VG250 calls its municipal layer `kind: gemeinde` for towns and villages alike (Frankfurt too), so only an
    explicit designation (`bez`: "Stadt", "Kreisfreie Stadt", "Gemeinde") decides; without it the town's name,
    which most of the platform's users are."""
    designation = str(properties.get("bez") or "").lower()
    if "stadt" in designation:
        return TOWN_COUNCIL
    if designation == "gemeinde":
        return MUNICIPAL_COUNCIL
    return TOWN_COUNCIL


def _channel(value: int) -> float:
    srgb = value / 255
    return srgb / 12.92 if srgb <= 0.04045 else ((srgb + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of a `#rrggbb` colour."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_ratio(first: str, second: str) -> float:
    """(L1 + 0.05) / (L2 + 0.05) with L1 the lighter of the two: 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _colour(value: str) -> str:
    if not HEX_COLOUR.match(value):
        raise ValueError("Not a colour: write it as #rrggbb, e.g. #00577b")
    ratio = contrast_ratio(value, PAGE_BACKGROUND)
    if ratio < MIN_CONTRAST:
        # The ratio is rounded down, so a refused colour never reads as 4.5:1.
        raise ValueError(f"Contrast with white is {int(ratio * 10) / 10:.1f}:1, below 4.5:1; choose a darker colour")
    return value.lower()


def _phone(value: str) -> str:
    value = " ".join(value.split())
    if value and (not PHONE.match(value) or sum(c.isdigit() for c in value) < 3):
        raise ValueError("Not a phone number: use digits, spaces, + ( ) / -, e.g. 06128 241-0")
    return value


def _lines(value: list[str]) -> list[str]:
    lines = [" ".join(line.split()) for line in value]
    lines = [line for line in lines if line]
    if len(lines) > MAX_OPENING_LINES:
        raise ValueError(f"At most {MAX_OPENING_LINES} lines of opening hours")
    if any(len(line) > MAX_LINE for line in lines):
        raise ValueError(f"A line of opening hours has at most {MAX_LINE} characters")
    return lines


def _email(value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    try:
        return validate_email(value)[1]
    except PydanticCustomError:
        raise ValueError("value is not a valid email address") from None


Colour = Annotated[str, AfterValidator(_colour)]
Phone = Annotated[str, Field(max_length=50), AfterValidator(_phone)]
OpeningHours = Annotated[list[str], Field(max_length=50), AfterValidator(_lines)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=200)]
CouncilName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=120)]

# English messages of the rules above with their German text (backend/errors.py translates by pattern).
GERMAN_MESSAGES: list[tuple[str, str]] = [
    (r"Not a colour", "Bitte eine Farbe als #rrggbb angeben, z. B. #00577b."),
    (
        r"Contrast with white is (\S+):1",
        "Der Kontrast zu Weiß ist nur {0}:1, mindestens 4,5:1 sind nötig. Bitte wählen Sie eine dunklere Farbe.",
    ),
    (r"Not a phone number", "Bitte eine Telefonnummer mit Ziffern angeben (erlaubt: Leerzeichen, + ( ) / -)."),
    (r"At most (\d+) lines of opening hours", "Höchstens {0} Zeilen Öffnungszeiten."),
    (r"A line of opening hours has at most (\d+)", "Eine Zeile der Öffnungszeiten hat höchstens {0} Zeichen."),
]


class MunicipalityProfile(BaseModel):
    """The profile as the admin edits it (everything residents see, plus the settings behind it)."""

    name: str
    contact_address: str = Field(description="Postal address, one line per line break")
    contact_phone: str
    contact_email: str
    opening_hours: list[str] = Field(description="Free text, one line each (e.g. 'Mo–Fr 8–12 Uhr')")
    council_name: str = Field(description="The council body, e.g. Stadtverordnetenversammlung")
    brand_color: str = Field(description="#rrggbb, at least 4.5:1 against white")
    logo_url: str = Field(description="Our own address of the logo, or empty")
    open_data_licence: Licence
    tiles_enabled: bool = Field(description="Whether maps show background tiles")


class MunicipalityProfileUpdate(BaseModel):
    """What to change; fields left out stay as they are. An empty phone, e-mail or address removes it."""

    model_config = ConfigDict(extra="forbid")

    name: Name | None = None
    contact_address: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)] | None = None
    contact_phone: Phone | None = None
    contact_email: Annotated[str, Field(max_length=254), AfterValidator(_email)] | None = None
    opening_hours: OpeningHours | None = None
    council_name: CouncilName | None = None
    brand_color: Colour | None = Field(default=None, examples=["#00577b"])
    open_data_licence: Licence | None = None
    tiles_enabled: bool | None = None


def logo_url_of(row: Municipality) -> str:
    """Where the SPA and the PDFs find the logo: our own origin, the key in the query so a new one is fetched."""
    if not row.logo_key:
        return ""
    return f"/api/v1/municipalities/{row.slug}/logo?v={row.logo_key.split('.')[0][:12]}"


def profile_of(row: Municipality) -> MunicipalityProfile:
    return MunicipalityProfile(
        name=row.name,
        contact_address=row.contact_address,
        contact_phone=row.contact_phone,
        contact_email=row.contact_email,
        opening_hours=opening_lines(row),
        council_name=row.council_name,
        brand_color=row.brand_color,
        logo_url=logo_url_of(row),
        open_data_licence=cast(Licence, row.open_data_licence if row.open_data_licence in LICENCES else LICENCES[0]),
        tiles_enabled=row.tiles_enabled,
    )


def opening_lines(row: Municipality) -> list[str]:
    return [line for line in (row.opening_hours or "").split("\n") if line]


Recorder = Callable[[dict[str, Any], dict[str, Any]], Awaitable[None]]

_COLUMNS = {
    "name": Municipality.name,
    "contact_address": Municipality.contact_address,
    "contact_phone": Municipality.contact_phone,
    "contact_email": Municipality.contact_email,
    "opening_hours": Municipality.opening_hours,
    "council_name": Municipality.council_name,
    "brand_color": Municipality.brand_color,
    "open_data_licence": Municipality.open_data_licence,
    "tiles_enabled": Municipality.tiles_enabled,
}


async def update_profile(row: Municipality, data: MunicipalityProfileUpdate, record: Recorder) -> MunicipalityProfile:
    """Change what `data` names in one transaction; `record(before, after)` writes the audit entry within it."""
    current = profile_of(row).model_dump()
    given = data.model_dump(exclude_unset=True, exclude_none=True)
    changed = {key: value for key, value in given.items() if current[key] != value}
    if changed:
        values: dict[Column | str, Any] = {
            _COLUMNS[key]: "\n".join(value) if key == "opening_hours" else value for key, value in changed.items()
        }
        if "name" in changed:  # the prepared territory carries the name (messages, documents): build it anew
            values[Municipality.geometry_version] = Municipality.geometry_version + 1
        async with Municipality._meta.db.transaction():
            await Municipality.update(values).where(Municipality.id == row.id)
            await record({key: current[key] for key in changed}, changed)
    return profile_of(await _reload(row.id))


async def set_logo(row: Municipality, key: str, record: Recorder) -> tuple[MunicipalityProfile, str]:
    """Point the profile at a stored logo; returns the profile and the old key (the caller deletes its file)."""
    async with Municipality._meta.db.transaction():
        await Municipality.update({Municipality.logo_key: key}).where(Municipality.id == row.id)
        await record({"logo": row.logo_key}, {"logo": key})
    return profile_of(await _reload(row.id)), row.logo_key


async def _reload(municipality_id: int) -> Municipality:
    found = await Municipality.objects().where(Municipality.id == municipality_id).first()
    assert found is not None  # the request loaded it a moment ago; municipalities are never deleted over the API
    return found
