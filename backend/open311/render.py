"""GeoReport v2 answers as JSON or XML (xml.etree from the standard library, never hand-built strings).

Text that XML 1.0 cannot carry (C0 control characters other than tab, LF and CR, lone surrogates, U+FFFE/FFFF)
is replaced by U+FFFD on output, so one stored report can never make a whole feed ill-formed.
"""

from __future__ import annotations

import json
import re
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
    "service_requests_updates": "request_update",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "errors": "error",
    "notes": "note",
}


def timestamp(value: datetime | None) -> str | None:
    """ISO 8601 with the offset, in the municipality's local time (Europe/Berlin), to the second."""
    if value is None:
        return None
    return value.astimezone(BERLIN).replace(microsecond=0).isoformat()


_NOT_XML = re.compile(r"[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """`text` with every character XML 1.0 forbids replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else xml_safe(str(value))


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


def answer(
    fmt: str, root: str, value: Any, status_code: int = 200, headers: dict[str, str] | None = None
) -> Response[bytes]:
    """`value` as JSON, or as XML under `root` (`services`, `service_requests`, `discovery`, …).

    Litestar adds `; charset=utf-8` to text media types itself: naming it here too sent it twice.
    """
    if fmt == "xml":
        return Response(to_xml(root, value), media_type=XML_TYPE, status_code=status_code, headers=headers)
    body = json.dumps(value, ensure_ascii=False).encode()
    return Response(body, media_type=JSON_TYPE, status_code=status_code, headers=headers)


def errors(
    fmt: str, status_code: int, descriptions: list[str], headers: dict[str, str] | None = None
) -> Response[bytes]:
    """The spec's error list: [{code, description}, …] / <errors><error>…</error></errors>, one per problem."""
    items = [{"code": status_code, "description": d} for d in descriptions]
    return answer(fmt, "errors", items, status_code, headers)


def format_of(path: str) -> str:
    """The answer format a URL asks for: xml for `….xml`, JSON otherwise."""
    return "xml" if path.rstrip("/").endswith(".xml") else "json"
