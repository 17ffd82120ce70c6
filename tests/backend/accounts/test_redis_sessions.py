"""With REDIS_URL set, sessions and rate limits live in Redis and are shared by every worker."""

import redis.asyncio as redis

from tests.backend.accounts.conftest import REDIS_URL
from tests.conftest import make_settings
from tests.factories import PASSWORD, person
from tests.support.client import api_client


async def test_a_login_on_one_worker_is_valid_on_another(db, smtp, redis_namespace):
    await person("lena@example.org")
    settings = make_settings(smtp, redis_url=REDIS_URL, redis_namespace=redis_namespace)
    async with api_client(settings) as first:
        from tests.factories import logged_in

        await logged_in(first, "lena@example.org")
        cookies = {name: first.cookies.get(name) for name in ("session", "stadtstimme_auth")}
    async with api_client(settings) as second:  # a separate app instance, as a second worker would be
        for name, value in cookies.items():
            second.cookies.set(name, value)
        response = await second.get("/api/v1/me")
    assert response.status_code == 200 and response.json()["email"] == "lena@example.org"
    keys = [key async for key in redis.from_url(REDIS_URL).scan_iter(f"*{redis_namespace}*")]
    assert any(b"sessions" in key for key in keys)


async def test_without_redis_each_worker_keeps_its_own_sessions(db, smtp):
    """The control case: the memory store is per worker, which is why production sets REDIS_URL."""
    await person("lena@example.org")
    settings = make_settings(smtp)
    async with api_client(settings) as first:
        from tests.factories import logged_in

        await logged_in(first, "lena@example.org")
        cookies = {name: first.cookies.get(name) for name in ("session", "stadtstimme_auth")}
    async with api_client(settings) as second:
        for name, value in cookies.items():
            second.cookies.set(name, value)
        assert (await second.get("/api/v1/me")).status_code == 401


async def test_more_requests_than_redis_connections_wait_for_one_instead_of_failing(db, smtp, redis_namespace):
    """redis-py's default pool raised MaxConnectionsError when all connections were busy: at a vote's peak,
    residents got an error page. The blocking pool lets the request wait for a free connection.
    Over real HTTP (uvicorn), so that the requests really are in flight together."""
    import asyncio

    import httpx

    from tests.support.live_server import serve

    await person("lena@example.org")
    server = serve(smtp, redis_url=REDIS_URL, redis_namespace=redis_namespace, redis_max_connections=2)
    try:
        async with httpx.AsyncClient(base_url=server.url) as client:
            await client.get("/api/health")
            login = await client.post(
                "/api/v1/auth/login",
                json={"email": "lena@example.org", "password": PASSWORD},
                headers={"x-csrftoken": client.cookies["csrftoken"]},
            )
            assert login.status_code == 200, login.text
            answers = await asyncio.gather(*(client.get("/api/v1/me") for _ in range(60)))
    finally:
        server.stop()
    assert [answer.status_code for answer in answers] == [200] * 60
