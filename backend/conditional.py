"""Conditional GETs for anonymous readers: an ETag from the body, and 304 Not Modified when it still matches.

A resident's browser (or a proxy) that already holds a consultation page's pins, proposal list or comment thread
asks again with If-None-Match and gets an empty 304 instead of up to ~70 KB. Only anonymous answers carry an
ETag: a logged-in person's answer holds their own votes and rights, and stays uncached.
"""

from __future__ import annotations

import hashlib
from typing import Any

from litestar import Request, Response
from litestar.serialization import get_serializer
from litestar.status_codes import HTTP_304_NOT_MODIFIED

from backend.auth import current_account

JSON = "application/json"


def etag_of(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'


def matches(if_none_match: str | None, etag: str) -> bool:
    """RFC 9110 §13.1.2: weak comparison against every listed tag, or `*`."""
    if not if_none_match:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return "*" in tags or etag in tags


def encode(request: Request[Any, Any, Any], content: Any) -> bytes:
    """The JSON body exactly as Litestar would encode `content` for this route."""
    serializer = get_serializer(request.route_handler.resolve_type_encoders())
    return Response(content).render(content, JSON, serializer)


async def conditional(request: Request[Any, Any, Any], content: Any, etag: str | None = None) -> Response[Any]:
    """`content` (a value, or its JSON bytes) as the answer; for anonymous readers with an ETag, 304 on a match."""
    body = content if isinstance(content, bytes) else encode(request, content)
    if await current_account(request) is not None:
        return Response(body, media_type=JSON)
    tag = etag or etag_of(body)
    headers = {"ETag": tag, "Cache-Control": "no-cache"}  # may be kept, but asked again each time
    if matches(request.headers.get("if-none-match"), tag):
        return Response(None, status_code=HTTP_304_NOT_MODIFIED, headers=headers, media_type=JSON)
    return Response(body, headers=headers, media_type=JSON)
