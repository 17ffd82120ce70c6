"""One read of the cache version counters per request (geo/versions.py), shared by every cache the request asks."""

from __future__ import annotations

from litestar.types import ASGIApp, Receive, Scope, Send

from geo import versions


def request_versions(app: ASGIApp) -> ASGIApp:
    """ASGI middleware: a fresh version scope for each reading HTTP request (its guards, dependencies, handler);
    writes get none, so they and what they read back bypass the caches."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD"):
            await app(scope, receive, send)
            return
        token = versions.begin_request()
        try:
            await app(scope, receive, send)
        finally:
            versions.end_request(token)

    return middleware
