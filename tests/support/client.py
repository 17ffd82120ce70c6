"""An HTTP client on the real app (Litestar's AsyncTestClient) that behaves like our frontend:
it keeps cookies and sends the CSRF token header on every write.

Building the app costs ~0.8 s of CPU (Litestar resolves ~960 handler signatures), more than most tests take.
So the `client` fixture serves one app per worker and settings, test after test (`shared_app`), and `reset_app`
forgets what the app kept in memory between two tests: its stores (sessions, rate-limit counters). Everything
else a test leaves behind is in the database, which the `db` fixture empties, or in the lifespan (mail sender,
document jobs, scheduler), which starts and stops with each test's client. A test that needs an app of its own
(other settings, a second instance as a second worker would be) calls `api_client(settings)` or `create_app`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from litestar import Litestar
from litestar.testing import AsyncTestClient

from backend.app import create_app
from backend.settings import Settings

_shared: dict[str, Litestar] = {}


def shared_app(settings: Settings) -> Litestar:
    """This worker's app for these settings, built on first use (settings compare by value)."""
    key = settings.model_dump_json()
    app = _shared.get(key)
    if app is None:
        app = _shared[key] = create_app(settings)
    return app


async def reset_app(app: Litestar) -> None:
    """Forget what the previous test left in the app's memory: logins (sessions) and rate-limit counters."""
    for store in app.stores._stores.values():
        await store.delete_all()


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
