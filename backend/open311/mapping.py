"""Categories as Open311 services and reports as service requests: only public data, never contact fields."""

from __future__ import annotations

from typing import Any

from backend.open311.render import timestamp
from defects.services import label, open311_status, questions_of
from geo.tables import Municipality


def service(category: dict[str, Any]) -> dict[str, Any]:
    questions = questions_of(category)
    return {
        "service_code": category["code"],
        "service_name": category["name_de"],
        "description": category["description_de"] or category["name_en"],
        "metadata": bool(questions),
        "type": "realtime",
        "keywords": category["name_en"],
        "group": category.get("department_name") or "",
    }


def _datatype_description(question: dict[str, Any]) -> str:
    return {"number": "Zahl", "datetime": "Datum und Uhrzeit (ISO 8601)"}.get(question["datatype"], "")


def definition(category: dict[str, Any]) -> dict[str, Any]:
    """The service definition: the category's extra questions as Open311 attributes."""
    return {
        "service_code": category["code"],
        "attributes": [
            {
                "variable": True,
                "code": q["code"],
                "datatype": q["datatype"],
                "required": bool(q.get("required")),
                "datatype_description": _datatype_description(q),
                "order": order,
                "description": q["label_de"],
                "values": [{"key": v["key"], "name": v["name_de"]} for v in q.get("values", [])],
            }
            for order, q in enumerate(questions_of(category), start=1)
        ],
    }


def service_request(
    report: dict[str, Any],
    category: dict[str, Any],
    municipality: Municipality,
    *,
    base_url: str,
    last_note: str,
    agency: str,
    photo_url: str | None,
) -> dict[str, Any]:
    status_notes = label(report["status"]) + (f": {last_note}" if last_note else "")
    media_url = base_url.rstrip("/") + photo_url if photo_url else None
    return {
        "service_request_id": str(report["id"]),
        "status": open311_status(report["status"]),
        "status_notes": status_notes,
        "service_name": category["name_de"],
        "service_code": category["code"],
        "description": report["description"],
        "agency_responsible": agency,
        "service_notice": "",
        "requested_datetime": timestamp(report["created_at"]),
        "updated_datetime": timestamp(report["updated_at"]),
        "expected_datetime": None,
        "address": report["address"],
        "address_id": None,
        "zipcode": None,
        "lat": round(report["lat"], 6),
        "long": round(report["lon"], 6),
        "media_url": media_url,
    }
