"""An HTTP client on the real app (Litestar's AsyncTestClient) that behaves like our frontend:
it keeps cookies and sends the CSRF token header on every write."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from litestar.testing import AsyncTestClient

from backend.app import create_app
from backend.settings import Settings


@asynccontextmanager
async def api_client(settings: Settings, app: Any = None) -> AsyncIterator[AsyncTestClient[Any]]:
    async with AsyncTestClient(app=app or create_app(settings), base_url="http://stadtstimme.test") as client:

        async def add_csrf(request: httpx.Request) -> None:
            token = client.cookies.get("csrftoken")
            if token and request.method not in {"GET", "HEAD", "OPTIONS"}:
                request.headers["x-csrftoken"] = token

        client.event_hooks["request"].append(add_csrf)
        await client.get("/api/health")  # receive the CSRF cookie, as the frontend does on load
        yield client
