"""A login ends after the idle timeout without requests, and after its absolute lifetime even when in use."""

from __future__ import annotations

import asyncio

from tests.factories import logged_in, person
from tests.support.client import api_client


async def test_a_session_ends_after_the_idle_timeout(db, store_settings):
    await person("lena@example.org")
    async with api_client(store_settings(session_idle_timeout_seconds=2)) as client:
        await logged_in(client, "lena@example.org")
        for _ in range(3):  # activity keeps it alive past the idle timeout
            await asyncio.sleep(0.9)
            assert (await client.get("/api/v1/me")).status_code == 200
        await asyncio.sleep(2.2)
        assert (await client.get("/api/v1/me")).status_code == 401


async def test_a_session_in_use_ends_after_its_absolute_lifetime(db, store_settings):
    await person("lena@example.org")
    settings = store_settings(session_max_age_seconds=3, session_idle_timeout_seconds=60)
    async with api_client(settings) as client:
        await logged_in(client, "lena@example.org")
        assert (await client.get("/api/v1/me")).status_code == 200
        await asyncio.sleep(1.5)
        assert (await client.get("/api/v1/me")).status_code == 200
        await asyncio.sleep(1.8)
        assert (await client.get("/api/v1/me")).status_code == 401
