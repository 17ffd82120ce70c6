"""Every request's text input passes one rule before any handler sees it (geo/text.py): no control characters.

It runs as the app's `before_request` hook, after the guards and before the body is parsed into a schema: path
parameters (404: such a name names nothing), query parameters, form fields and JSON bodies, keys included (422,
field named). JSON numbers must be finite (`1e400` decodes to infinity). Parsed bodies are cached by Litestar, so
the handler does not read them twice. The JSON part of a multipart form is checked where it is parsed
(`backend/uploads.py::parse_model`) with the same `problems` walk.
"""

from __future__ import annotations

import math
from typing import Any

from litestar import Request
from litestar.datastructures import UploadFile
from litestar.enums import RequestEncodingType
from litestar.exceptions import LitestarException, NotFoundException, ValidationException

from geo import text

FINITE_EN = "Numbers must be finite."


def problems(value: Any, field: str) -> list[dict[str, str]]:
    """Every place in `value` (JSON-like: dicts, lists, strings, numbers) that breaks the input rule."""
    found: list[dict[str, str]] = []
    _walk(value, field, found)
    return found


def _walk(value: Any, field: str, found: list[dict[str, str]]) -> None:
    if isinstance(value, str):
        if not text.is_clean(value):
            found.append({"key": field, "message": text.MESSAGE_EN})
    elif isinstance(value, float):
        if not math.isfinite(value):
            found.append({"key": field, "message": FINITE_EN})
    elif isinstance(value, dict):
        for key, item in value.items():
            name = f"{field}.{key}" if field else str(key)
            if isinstance(key, str) and not text.is_clean(key):
                found.append({"key": field or "body", "message": text.MESSAGE_EN})
                continue
            _walk(item, name, found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _walk(item, f"{field}.{index}" if field else str(index), found)


def refuse(found: list[dict[str, str]]) -> None:
    if found:
        raise ValidationException(extra=found)


async def check_inputs(request: Request[Any, Any, Any]) -> None:
    """The `before_request` hook of the whole app."""
    if any(isinstance(v, str) and not text.is_clean(v) for v in request.path_params.values()):
        raise NotFoundException()
    found: list[dict[str, str]] = []
    for key, value in request.query_params.multi_items():
        _walk({key: value}, "", found)
    if request.method not in {"GET", "HEAD", "OPTIONS"}:
        found += await _body_problems(request)
    refuse(found)


async def _body_problems(request: Request[Any, Any, Any]) -> list[dict[str, str]]:
    content_type, _ = request.content_type
    found: list[dict[str, str]] = []
    try:
        if content_type in {RequestEncodingType.MULTI_PART, RequestEncodingType.URL_ENCODED}:
            # Read the body first: a form that fails to parse would otherwise leave the stream consumed, and the
            # handler's own parse (with its own 400) would meet "stream consumed" instead.
            await request.body()
            form = await request.form()
            for key, value in form.multi_items():
                _walk({key: "" if isinstance(value, UploadFile) else value}, "", found)
        elif content_type == "application/json" or content_type.endswith("+json"):
            if await request.body():
                _walk(await request.json(), "", found)
    except (LitestarException, ValueError):
        return []  # malformed bodies are the handler's to refuse, with its own message
    return found
