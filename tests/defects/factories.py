"""Mängelmelder test data: a municipality with departments, categories, staff, and reports in given states."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import Any

from PIL import Image

from defects.schemas import CategoryCreate
from defects.services.categories import create_category
from geo import services as geo
from geo.roles import Role
from geo.tables import Municipality
from tests.factories import INSIDE, person

POTHOLE = {
    "code": "strassen",
    "name_de": "Straßen, Geh- und Radwege",
    "name_en": "Roads, footpaths and cycle paths",
    "icon": "road",
    "questions": [
        {
            "code": "size",
            "datatype": "singlevaluelist",
            "required": True,
            "label_de": "Wie groß ist der Schaden?",
            "label_en": "How large is the damage?",
            "values": [
                {"key": "small", "name_de": "klein", "name_en": "small"},
                {"key": "large", "name_de": "groß", "name_en": "large"},
            ],
        },
        {
            "code": "depth_cm",
            "datatype": "number",
            "required": False,
            "label_de": "Tiefe in cm",
            "label_en": "Depth in cm",
        },
    ],
}
LIGHT = {"code": "beleuchtung", "name_de": "Straßenbeleuchtung", "name_en": "Street lighting", "icon": "bulb"}


@dataclass
class Town:
    municipality: Municipality
    tiefbau: int  # department ids
    bauhof: int


async def town_with_categories(municipality: Municipality) -> Town:
    tiefbau = await geo.create_department(municipality.id, "Tiefbau und Verkehr", "tiefbau@taunusstein.example")
    bauhof = await geo.create_department(municipality.id, "Bauhof", "bauhof@taunusstein.example")
    await create_category(municipality.id, CategoryCreate(**POTHOLE, department_id=tiefbau.id))
    await create_category(municipality.id, CategoryCreate(**LIGHT, department_id=bauhof.id))
    return Town(municipality, tiefbau.id, bauhof.id)


async def staff_of(town: Town, email: str = "tiefbau.staff@taunusstein.example", department: str = "tiefbau") -> int:
    department_id = town.tiefbau if department == "tiefbau" else town.bauhof
    return await person(email, roles=(Role.STAFF,), municipality=town.municipality, department_id=department_id)


def pothole(**overrides: Any) -> dict[str, Any]:
    report: dict[str, Any] = {
        "category": "strassen",
        **INSIDE,
        "description": "Tiefes Schlagloch vor der Hausnummer 12",
        "address": "Aarstraße 12",
        "answers": {"size": "large", "depth_cm": 8},
        "email": "melder@example.org",
        "name": "Mira Melder",
        "phone": "06128 12345",
    }
    report.update(overrides)
    return report


def jpeg(width: int = 64, height: int = 48, exif_gps: bool = False) -> bytes:
    image = Image.new("RGB", (width, height), (180, 40, 40))
    out = io.BytesIO()
    if exif_gps:
        exif = Image.Exif()
        exif[0x8825] = {2: (50.0, 9.0, 36.0), 1: "N"}  # GPSInfo
        exif[0x0110] = "Secret Camera"
        image.save(out, format="JPEG", exif=exif)
    else:
        image.save(out, format="JPEG")
    return out.getvalue()


def multipart(report: dict[str, Any], photos: list[bytes] | None = None) -> list[Any]:
    """The multipart form the frontend sends: the `report` JSON as a plain field, then the photos."""
    parts: list[Any] = [("report", (None, json.dumps(report)))]
    parts += [("photos", (f"foto{i}.jpg", content, "image/jpeg")) for i, content in enumerate(photos or [])]
    return parts


async def file(client: Any, slug: str, report: dict[str, Any], photos: list[bytes] | None = None) -> Any:
    return await client.post(f"/api/v1/municipalities/{slug}/reports", files=multipart(report, photos))


def token_from(link: str) -> str:
    return link.rstrip("/").rsplit("/", 1)[-1]


async def confirmed_report(client: Any, slug: str, mailbox: Any, **overrides: Any) -> int:
    """File anonymously and open the mailed link, as a resident would; returns the report id."""
    from tests.support.mailbox import first_link

    report = pothole(**overrides)
    response = await client.post(f"/api/v1/municipalities/{slug}/reports", files=multipart(report))
    assert response.status_code == 201, response.text
    mail = await mailbox.wait_for(report["email"], "bestätigen")
    mailbox.messages.remove(mail)
    confirmed = await client.post(
        f"/api/v1/municipalities/{slug}/reports/confirm", json={"token": token_from(first_link(mail))}
    )
    assert confirmed.status_code == 200, confirmed.text
    return int(response.json()["id"])


async def stored_report(
    town: Town,
    lat: float,
    lon: float,
    *,
    category: str = "strassen",
    status: str = "eingegangen",
    visibility: str = "public",
    confirmed: bool = True,
    created_at: Any = None,
    district_id: int | None = None,
) -> int:
    """A report row in a given state, written directly (for map and list scenarios with many points)."""
    from datetime import UTC, datetime

    from defects.services.categories import get_category
    from defects.tables import Report

    row = Report(
        municipality=town.municipality.id,
        category=(await get_category(town.municipality.id, category))["id"],
        lat=lat,
        lon=lon,
        status=status,
        visibility=visibility,
        confirmed_at=datetime.now(UTC) if confirmed else None,
        reporter_email="hidden@example.org",
        district=district_id,
        **({"created_at": created_at, "updated_at": created_at} if created_at else {}),
    )
    await row.save()
    return int(row.id)
