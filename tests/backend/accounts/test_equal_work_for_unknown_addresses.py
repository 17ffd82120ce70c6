"""Login and registration cost the same password-hashing work whether the e-mail address has an account or not,
so response times do not tell who is registered (counted in Argon2 operations, not timed)."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from argon2 import PasswordHasher

from tests.factories import person
from tests.support.queries import recorded


@pytest.fixture
def argon2_work(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Counts argon2-cffi's hash and verify calls (a third-party library, spied on, not replaced)."""
    counts: Counter[str] = Counter()
    original_hash, original_verify = PasswordHasher.hash, PasswordHasher.verify

    def counting_hash(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        counts["hash"] += 1
        return original_hash(self, *args, **kwargs)

    def counting_verify(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        counts["verify"] += 1
        return original_verify(self, *args, **kwargs)

    monkeypatch.setattr(PasswordHasher, "hash", counting_hash)
    monkeypatch.setattr(PasswordHasher, "verify", counting_verify)
    return counts


async def _work_for(client, argon2_work: Counter[str], path: str, body: dict) -> Counter[str]:
    argon2_work.clear()
    await client.post(path, json=body)
    return Counter(argon2_work)


async def test_a_login_with_an_unknown_address_costs_one_hash_like_a_known_one(client, argon2_work):
    await person("known@example.org")
    attempt = {"password": "falsches Passwort"}
    known = await _work_for(client, argon2_work, "/api/v1/auth/login", {**attempt, "email": "known@example.org"})
    unknown = await _work_for(client, argon2_work, "/api/v1/auth/login", {**attempt, "email": "nobody@example.org"})
    again = await _work_for(client, argon2_work, "/api/v1/auth/login", {**attempt, "email": "nobody2@example.org"})
    assert known == unknown == again == Counter(verify=1)


async def test_registering_a_known_address_costs_the_hash_a_new_account_costs(client, argon2_work):
    await person("known@example.org")
    body = {"password": "ein langes Passwort", "display_name": "", "locale": "de", "accept_terms": True}
    known = await _work_for(client, argon2_work, "/api/v1/auth/register", {**body, "email": "known@example.org"})
    new = await _work_for(client, argon2_work, "/api/v1/auth/register", {**body, "email": "new@example.org"})
    assert known == new == Counter(hash=1)


async def test_a_reset_request_costs_no_hash_for_known_and_unknown_addresses(client, argon2_work):
    await person("known@example.org")
    known = await _work_for(client, argon2_work, "/api/v1/auth/password-reset", {"email": "known@example.org"})
    unknown = await _work_for(client, argon2_work, "/api/v1/auth/password-reset", {"email": "nobody@example.org"})
    assert known == unknown == Counter()


async def _queries_before_the_answer(client, path: str, body: dict) -> tuple[int, int]:
    """Drive the app over ASGI directly: the status, and how many queries ran before the answer went out
    (work after the answer, in a background task, cannot be timed by the asker)."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "server": ("stadtstimme.test", 80),
        "client": ("127.0.0.1", 5000),
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [
            (b"host", b"stadtstimme.test"),
            (b"content-type", b"application/json"),
            (b"cookie", f"csrftoken={client.cookies.get('csrftoken')}".encode()),
            (b"x-csrftoken", client.cookies.get("csrftoken").encode()),
        ],
    }
    payload = json.dumps(body).encode()
    answered: list[tuple[int, int]] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": payload, "more_body": False}

    with recorded() as queries:

        async def send(message: dict) -> None:
            if message["type"] == "http.response.start":
                answered.append((message["status"], len(queries)))

        await client.app(scope, receive, send)
    return answered[0]


async def test_a_reset_request_is_answered_before_any_lookup_for_known_and_unknown_addresses(client, mailbox):
    await person("known@example.org")
    path = "/api/v1/auth/password-reset"
    known = await _queries_before_the_answer(client, path, {"email": "known@example.org"})
    unknown = await _queries_before_the_answer(client, path, {"email": "nobody@example.org"})
    assert known == unknown == (202, 0)
    assert await mailbox.wait_for("known@example.org", "Neues Passwort")  # the work still happens, afterwards
