"""After repeated failed logins for one e-mail address, further attempts wait for a growing period, whichever
client address they come from, on every worker; every 429 says when to try again (Retry-After)."""

from __future__ import annotations

from litestar.stores.memory import MemoryStore

from backend.accounts.backoff import LoginBackoff
from backend.app import create_app
from tests.factories import PASSWORD, person
from tests.support.client import api_client

WRONG = {"email": "lena@example.org", "password": "falsches Passwort"}


async def test_repeated_failed_logins_for_one_address_must_wait(db, store_settings):
    await person("lena@example.org")
    settings = store_settings()
    first, second = create_app(settings), create_app(settings)
    async with api_client(settings, first) as attacker:
        statuses = [(await attacker.post("/api/v1/auth/login", json=WRONG)).status_code for _ in range(5)]
        assert statuses == [403] * 5
        refused = await attacker.post("/api/v1/auth/login", json={**WRONG, "password": PASSWORD})
    assert refused.status_code == 429  # even the right password waits now
    # 30 s from the fifth failure; a slow machine may take a second or two to send the next request.
    wait = int(refused.headers["retry-after"])
    assert 25 <= wait <= 30
    assert refused.headers["content-type"].startswith("application/problem+json")
    problem = refused.json()
    assert problem["errors"][0]["field"] == "email"
    assert f"{wait} Sekunden" in problem["detail_de"] and f"{wait} seconds" in problem["detail_en"]
    assert problem["detail"] == problem["detail_de"]

    # Another client on another worker: with Redis the wait holds there too; each worker's memory does not share it.
    async with api_client(settings, second) as elsewhere:
        answer = await elsewhere.post("/api/v1/auth/login", json={**WRONG, "password": PASSWORD})
    assert answer.status_code == (429 if settings.redis_url else 200)


async def test_the_wait_doubles_with_each_further_failure_up_to_a_ceiling():
    backoff = LoginBackoff(MemoryStore())
    waits = [backoff.wait_after(failures) for failures in range(1, 13)]
    assert waits == [0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900, 900]


async def test_a_correct_password_forgets_earlier_failures(client):
    await person("lena@example.org")
    for _ in range(4):
        assert (await client.post("/api/v1/auth/login", json=WRONG)).status_code == 403
    assert (await client.post("/api/v1/auth/login", json={**WRONG, "password": PASSWORD})).status_code == 200
    for _ in range(4):
        assert (await client.post("/api/v1/auth/login", json=WRONG)).status_code == 403


async def test_unknown_addresses_wait_the_same_as_known_ones(client):
    """Otherwise the back-off itself would tell which addresses have an account."""
    ghost = {**WRONG, "email": "ghost@example.org"}
    statuses = [(await client.post("/api/v1/auth/login", json=ghost)).status_code for _ in range(6)]
    assert statuses == [403] * 5 + [429]


async def test_the_per_client_limit_answers_429_with_retry_after(db, store_settings):
    async with api_client(store_settings(rate_limit_per_minute=2)) as client:
        for _ in range(2):
            await client.post("/api/v1/auth/password-reset", json={"email": "x@example.org"})
        refused = await client.post("/api/v1/auth/password-reset", json={"email": "x@example.org"})
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert refused.json()["detail_de"].startswith("Zu viele Versuche") and refused.json()["detail_en"]
