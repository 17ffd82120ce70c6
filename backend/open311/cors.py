"""CORS for Open311's public reads: any web page may GET discovery, services and requests.

Only GET and HEAD answers carry `Access-Control-Allow-Origin: *`; writes carry none, so a page on another
origin cannot read what a POST returned (no credentials are involved: reads are public, writes use the key).
"""

from __future__ import annotations

from litestar.types import ASGIApp, Message, Receive, Scope, Send

READ_METHODS = {"GET", "HEAD"}


def cors_for_reads(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in READ_METHODS:
            await app(scope, receive, send)
            return

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"access-control-allow-origin"]
                headers.append((b"access-control-allow-origin", b"*"))
                message = {**message, "headers": headers}
            await send(message)

        await app(scope, receive, send_with_cors)

    return middleware
