"""GeoReport v2 answers as JSON or XML (xml.etree from the standard library, never hand-built strings)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from litestar import Response

BERLIN = ZoneInfo("Europe/Berlin")
JSON_TYPE = "application/json"
XML_TYPE = "text/xml"
# XML names of list items, by the name of the list that holds them.
ITEM_NAMES = {
    "services": "service",
    "service_requests": "request",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "errors": "error",
}


def timestamp(value: datetime | None) -> str | None:
    """ISO 8601 with the offset, in the municipality's local time (Europe/Berlin), to the second."""
    if value is None:
        return None
    return value.astimezone(BERLIN).replace(microsecond=0).isoformat()


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _fill(element: ET.Element, name: str, value: Any) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            _fill(ET.SubElement(element, key), key, inner)
    elif isinstance(value, list):
        item_name = ITEM_NAMES.get(name, "item")
        for inner in value:
            _fill(ET.SubElement(element, item_name), item_name, inner)
    else:
        element.text = _text(value)


def to_xml(root: str, value: Any) -> bytes:
    element = ET.Element(root)
    _fill(element, root, value)
    return ET.tostring(element, encoding="utf-8", xml_declaration=True)


def answer(fmt: str, root: str, value: Any, status_code: int = 200) -> Response[bytes]:
    """`value` as JSON, or as XML under `root` (`services`, `service_requests`, `discovery`, …)."""
    if fmt == "xml":
        return Response(to_xml(root, value), media_type=f"{XML_TYPE}; charset=utf-8", status_code=status_code)
    body = json.dumps(value, ensure_ascii=False).encode()
    return Response(body, media_type=JSON_TYPE, status_code=status_code)


def errors(fmt: str, status_code: int, description: str) -> Response[bytes]:
    """The spec's error list: [{code, description}] / <errors><error>…</error></errors>."""
    return answer(fmt, "errors", [{"code": status_code, "description": description}], status_code)
