"""Categories as Open311 services and reports as service requests: only public data, never contact fields."""

from __future__ import annotations

from typing import Any

from backend.open311.render import timestamp
from defects.services import label, open311_status, questions_of
from defects.services.open311_feed import FeedItem, Note
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


PENDING_NOTES = {
    "confirmation": "Ausstehend: wartet auf die Bestätigung per E-Mail / pending: waiting for the e-mail confirmation",
    "moderation": "Ausstehend: wartet auf die Moderation / pending: waiting for moderation",
}


def status_note(status: str, note: str) -> str:
    return label(status) + (f": {note}" if note else "")


def service_request(item: FeedItem, municipality: Municipality, *, base_url: str) -> dict[str, Any]:
    """One request. `status_notes` is the latest public note, as the spec defines it (why the request has
    its current status); the whole history is served by the `servicerequestupdates` extension."""
    report = item.report
    if item.pending:
        status_notes = PENDING_NOTES[item.pending]
    else:
        status_notes = status_note(report["status"], item.last_note)
    media_url = base_url.rstrip("/") + item.photo_url if item.photo_url else None
    placed = bool(report["placed"])
    return {
        "service_request_id": str(report["id"]),
        "status": open311_status(report["status"]),
        "status_notes": status_notes,
        "service_name": item.category["name_de"],
        "service_code": item.category["code"],
        "description": report["description"],
        "agency_responsible": item.agency,
        "service_notice": "",
        "requested_datetime": timestamp(report["created_at"]),
        "updated_datetime": timestamp(report["updated_at"]),
        "expected_datetime": None,
        "address": report["address"],
        "address_id": None,
        "zipcode": None,
        # A request filed by address alone has no point yet (staff place it): none is made up.
        "lat": round(report["lat"], 6) if placed else None,
        "long": round(report["lon"], 6) if placed else None,
        "media_url": media_url,
        # The full public history, oldest first (an extension field, like FixMyStreet's and Mark-a-Spot's):
        # only the public notes of the status history, never staff-internal ones.
        "extended_attributes": {"notes": [public_note(n) for n in item.history] if not item.pending else []},
    }


def public_note(note: Note) -> dict[str, Any]:
    return {
        "status": open311_status(note.status),
        "detailed_status": note.status,
        "status_notes": status_note(note.status, note.note),
        "updated_datetime": timestamp(note.at),
    }


def request_update(note: Note) -> dict[str, Any]:
    """One history step in FixMyStreet's `servicerequestupdates` format."""
    return {
        "update_id": str(note.id),
        "service_request_id": str(note.report_id),
        "status": open311_status(note.status).upper(),
        "updated_datetime": timestamp(note.at),
        "description": status_note(note.status, note.note),
        "media_url": None,
    }
