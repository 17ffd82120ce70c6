"""Security headers on every answer of the app, set in one place: a `before_send` hook wired in create_app.

A `before_send` hook sees every response start, including 404/405 answers of the router, static files and the
API docs, which route middleware would miss.

- Content-Security-Policy: scripts only from our own origin (no inline script, no eval); styles only from our
  own files (`style-src 'self'`, no 'unsafe-inline': the SPA never writes a style attribute and Leaflet positions
  through the CSSOM, which CSP does not restrict); images from us, from the configured tile server, and `blob:`
  for the preview of a photo picked for a report (report-new.js, URL.createObjectURL); no plugins, no <base>,
  forms post only to us, no framing (clickjacking). The API docs page (/schema) alone may also show `data:`
  images: Swagger UI's stylesheet draws its icons as inline SVG data URLs (images only, never script).
- X-Frame-Options for browsers without frame-ancestors, nosniff, and a referrer that carries only our origin to
  other sites (the tile server's usage policy wants one; paths with ids and tokens stay home).
- HSTS only when the deployment says it runs on HTTPS (SECURE_COOKIES=true).
- Cache-Control: no-store on personal data: the account (`/api/v1/me…`, `/api/v1/auth…`) always, and every API
  answer to a logged-in browser (staff views with reporters' contact data, moderation, audit log, own votes), so
  neither the browser's disk cache nor a shared proxy keeps it.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from litestar.datastructures import MutableScopeHeaders
from litestar.types import BeforeMessageSendHookHandler, Message, Scope

from backend.auth import AUTH_COOKIE
from backend.settings import Settings

HSTS = "max-age=63072000; includeSubDomains"  # two years; no preload: that is the operator's decision
ALWAYS_PERSONAL = ("/api/v1/me", "/api/v1/auth")
API_DOCS = "/schema"
API = ("/api/", "/open311/")
_AUTH_COOKIE = f"{AUTH_COOKIE}=".encode()


def tile_source(tile_url: str) -> str | None:
    """The CSP source of a Leaflet tile URL template: "https://{s}.tile.example.org/{z}/{x}/{y}.png" becomes
    "https://*.tile.example.org" (a placeholder in the host name stands for any label)."""
    if not tile_url:
        return None
    parts = urlsplit(tile_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    host = re.sub(r"\{[^}]*\}", "*", parts.netloc)
    return f"{parts.scheme}://{host}"


def content_security_policy(settings: Settings, *, api_docs: bool = False) -> str:
    images = ["'self'", "blob:", *(["data:"] if api_docs else [])]
    if (tiles := tile_source(settings.tile_url)) is not None:
        images.append(tiles)
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": images,
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def _is_personal(scope: Scope) -> bool:
    path: str = scope.get("path", "")
    if path.startswith(ALWAYS_PERSONAL):
        return True
    if not path.startswith(API):
        return False
    cookies = b"; ".join(value for name, value in scope.get("headers", ()) if name == b"cookie")
    return _AUTH_COOKIE in cookies


def security_headers(settings: Settings) -> BeforeMessageSendHookHandler:
    """The hook for `Litestar(before_send=[...])`: adds the headers to every `http.response.start`."""
    app_policy = content_security_policy(settings)
    docs_policy = content_security_policy(settings, api_docs=True)
    fixed = {
        "x-frame-options": "DENY",
        "x-content-type-options": "nosniff",
        "referrer-policy": "strict-origin-when-cross-origin",
    }
    if settings.secure_cookies:
        fixed["strict-transport-security"] = HSTS

    async def add_security_headers(message: Message, scope: Scope) -> None:
        if message["type"] != "http.response.start":
            return
        headers = MutableScopeHeaders.from_message(message)
        if "content-security-policy" not in headers:
            docs = scope.get("path", "").startswith(API_DOCS)
            headers["content-security-policy"] = docs_policy if docs else app_policy
        for name, value in fixed.items():
            if name not in headers:
                headers[name] = value
        if _is_personal(scope):
            headers["cache-control"] = "no-store"

    return add_security_headers
