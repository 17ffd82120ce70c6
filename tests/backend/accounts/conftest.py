"""Account tests run against both session stores: each worker's memory, and Redis shared by workers."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
import redis.asyncio as redis

from backend.settings import Settings
from tests.conftest import make_settings
from tests.support.mailbox import SmtpServer

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
async def redis_namespace() -> AsyncIterator[str]:
    namespace = f"stadtstimme-test-{uuid.uuid4().hex[:8]}"
    yield namespace
    client = redis.from_url(REDIS_URL)
    async for key in client.scan_iter(f"*{namespace}*"):
        await client.delete(key)
    await client.aclose()


async def redis_keys(namespace: str, part: str) -> list[bytes]:
    client = redis.from_url(REDIS_URL)
    try:
        return [key async for key in client.scan_iter(f"*{namespace}*") if part.encode() in key]
    finally:
        await client.aclose()


@pytest.fixture(params=["memory", "redis"])
def store_settings(request: pytest.FixtureRequest, smtp: SmtpServer, redis_namespace: str) -> Any:
    """make_settings for the store of this run: `store_settings(**overrides)`."""

    def build(**overrides: Any) -> Settings:
        if request.param == "redis":
            overrides = {"redis_url": REDIS_URL, "redis_namespace": redis_namespace, **overrides}
        return make_settings(smtp, **overrides)

    build.store = request.param  # type: ignore[attr-defined]
    return build
