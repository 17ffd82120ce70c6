"""Anonymous requests create no server-side session and no session cookie; a login creates one, logout ends it."""

from __future__ import annotations

from litestar.testing import AsyncTestClient

from backend.app import create_app
from tests.backend.accounts.conftest import redis_keys
from tests.factories import PASSWORD, person
from tests.support.client import api_client

PAGES = ["/api/health", "/api/v1/config", "/api/v1/municipalities", "/", "/api/v1/me"]


async def test_anonymous_requests_create_no_session(db, store_settings, redis_namespace):
    settings = store_settings()
    app = create_app(settings)
    async with AsyncTestClient(app=app, base_url="http://stadtstimme.test") as client:
        for index in range(50):
            client.cookies.clear()  # fifty visitors without cookies
            response = await client.get(PAGES[index % len(PAGES)])
            assert "session=" not in response.headers.get("set-cookie", "")
        if settings.redis_url:
            assert await redis_keys(redis_namespace, "sessions") == []
        else:
            assert app.stores.get("sessions")._store == {}  # type: ignore[attr-defined]


async def test_a_login_creates_the_session_and_logout_removes_it(db, store_settings, redis_namespace):
    await person("lena@example.org")
    settings = store_settings()
    async with api_client(settings) as client:  # fetches the CSRF cookie first, as the SPA does
        assert client.cookies.get("session") is None
        login = await client.post("/api/v1/auth/login", json={"email": "lena@example.org", "password": PASSWORD})
        assert login.status_code == 200 and client.cookies.get("session")
        if settings.redis_url:
            assert len(await redis_keys(redis_namespace, "sessions")) == 1
        assert (await client.get("/api/v1/me")).status_code == 200
        assert (await client.post("/api/v1/auth/logout")).status_code == 204
        if settings.redis_url:
            assert await redis_keys(redis_namespace, "sessions") == []


async def test_a_session_id_known_before_login_is_replaced_at_login(db, store_settings):
    """Session fixation: whatever session cookie the browser had, login issues a new ID."""
    await person("lena@example.org")
    async with api_client(store_settings()) as client:
        planted = "a" * 64
        client.cookies.set("session", planted, domain="stadtstimme.test")
        login = await client.post("/api/v1/auth/login", json={"email": "lena@example.org", "password": PASSWORD})
        assert login.status_code == 200
        assert login.cookies.get("session") not in (None, planted)
