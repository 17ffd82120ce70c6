"""Accounts over HTTP, with real mail through a loopback SMTP server."""

import pytest

from tests.factories import PASSWORD, logged_in, person
from tests.support.client import api_client
from tests.support.mailbox import first_link

NEW = {
    "email": "Lena@Example.org",
    "password": "ein langes Passwort",
    "display_name": "Lena",
    "locale": "de",
    "accept_terms": True,
}


def token_from(link: str) -> str:
    return link.rstrip("/").rsplit("/", 1)[-1]


async def test_a_new_resident_registers_confirms_by_mail_and_logs_in(client, mailbox):
    response = await client.post("/api/v1/auth/register", json=NEW)
    assert response.status_code == 202
    assert "E-Mail geschickt" in response.json()["detail_de"]
    mail = await mailbox.wait_for("lena@example.org", "bestätigen")
    link = first_link(mail)
    assert link.startswith("http://stadtstimme.test/#/verify/")

    refused = await client.post("/api/v1/auth/login", json={"email": NEW["email"], "password": NEW["password"]})
    assert refused.status_code == 403 and refused.json()["errors"][0]["field"] == "email"

    assert (await client.post("/api/v1/auth/verify", json={"token": token_from(link)})).status_code == 200
    assert (await client.post("/api/v1/auth/verify", json={"token": token_from(link)})).status_code == 422  # once only

    await logged_in(client, "lena@example.org", NEW["password"])
    me = (await client.get("/api/v1/me")).json()
    assert me["email"] == "lena@example.org" and me["display_name"] == "Lena" and me["verified"] is True


async def test_registering_a_known_address_answers_the_same_and_mails_a_hint(client, mailbox):
    await person("known@example.org")
    response = await client.post("/api/v1/auth/register", json={**NEW, "email": "known@example.org"})
    fresh = await client.post("/api/v1/auth/register", json={**NEW, "email": "unknown@example.org"})
    assert response.status_code == fresh.status_code == 202
    assert response.json() == fresh.json()
    hint = await mailbox.wait_for("known@example.org", "bereits ein Konto")
    assert "/#/password-reset" in hint.get_content()


async def test_an_english_speaker_gets_the_confirmation_in_english(client, mailbox):
    await client.post("/api/v1/auth/register", json={**NEW, "email": "sam@example.org", "locale": "en"})
    assert await mailbox.wait_for("sam@example.org", "confirm your e-mail")


async def test_a_wrong_password_and_an_unknown_address_get_the_same_answer(client):
    await person("resident@example.org")
    wrong = await client.post("/api/v1/auth/login", json={"email": "resident@example.org", "password": "falsch-falsch"})
    unknown = await client.post("/api/v1/auth/login", json={"email": "nobody@example.org", "password": "falsch-falsch"})
    assert wrong.status_code == unknown.status_code == 403
    assert wrong.json()["detail"] == unknown.json()["detail"] == "E-Mail-Adresse oder Passwort stimmen nicht."


async def test_a_short_password_is_refused_naming_the_field_and_no_account_is_made(client, mailbox):
    response = await client.post("/api/v1/auth/register", json={**NEW, "password": "kurz"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "password"
    assert response.json()["errors"][0]["detail_de"] == "Das Passwort braucht mindestens 10 Zeichen."
    assert response.json()["errors"][0]["detail_en"] == "The password needs at least 10 characters."
    response = await client.post("/api/v1/auth/login", json={"email": NEW["email"], "password": "kurz"})
    assert response.json()["detail"] == "E-Mail-Adresse oder Passwort stimmen nicht."


async def test_a_malformed_email_is_a_422_in_both_languages(client):
    response = await client.post("/api/v1/auth/register", json={**NEW, "email": "keine-adresse"})
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert error["field"] == "email" and "E-Mail" in error["detail_de"] and error["detail_en"]


async def test_a_bad_address_and_a_short_password_are_refused_together(client, mailbox):
    """One refusal lists every field problem: the person fixes both at once instead of finding the second later."""
    response = await client.post("/api/v1/auth/register", json={**NEW, "email": "anna@", "password": "kurz"})
    assert response.status_code == 422
    by_field = {e["field"]: e for e in response.json()["errors"]}
    assert set(by_field) == {"email", "password"}
    assert by_field["password"]["detail_de"] == "Das Passwort braucht mindestens 10 Zeichen."
    assert "E-Mail" in by_field["email"]["detail_de"]
    assert mailbox.messages == []


async def test_a_reset_with_a_short_password_names_the_field(client):
    response = await client.post("/api/v1/auth/password-reset/confirm", json={"token": "x" * 20, "password": "kurz"})
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["password"]


async def test_a_forgotten_password_is_reset_through_the_mailed_link(client, mailbox):
    await person("resident@example.org")
    assert (await client.post("/api/v1/auth/password-reset", json={"email": "resident@example.org"})).status_code == 202
    link = first_link(await mailbox.wait_for("resident@example.org", "Neues Passwort"))
    response = await client.post(
        "/api/v1/auth/password-reset/confirm", json={"token": token_from(link), "password": "ganz neues Passwort"}
    )
    assert response.status_code == 200
    await logged_in(client, "resident@example.org", "ganz neues Passwort")
    old = await client.post("/api/v1/auth/login", json={"email": "resident@example.org", "password": PASSWORD})
    assert old.status_code == 403


async def test_a_reset_for_an_unknown_address_answers_the_same_and_sends_nothing(client, mailbox):
    response = await client.post("/api/v1/auth/password-reset", json={"email": "ghost@example.org"})
    assert response.status_code == 202
    with pytest.raises(AssertionError):
        await mailbox.wait_for("ghost@example.org", timeout=1.5)


async def test_me_requires_a_login_and_logout_ends_it(client):
    assert (await client.get("/api/v1/me")).status_code == 401
    await person("resident@example.org")
    await logged_in(client, "resident@example.org")
    assert (await client.get("/api/v1/me")).status_code == 200
    assert (await client.post("/api/v1/auth/logout")).status_code == 204
    assert (await client.get("/api/v1/me")).status_code == 401


async def test_a_write_without_the_csrf_token_is_refused(client):
    await person("resident@example.org")
    client.event_hooks["request"].clear()
    response = await client.post("/api/v1/auth/login", json={"email": "resident@example.org", "password": PASSWORD})
    assert response.status_code == 403
    assert response.headers["content-type"].startswith("application/problem+json")


async def test_a_planted_session_cookie_never_becomes_a_login(client):
    """Session fixation: the session ID alone, without the HttpOnly auth cookie, is not a login."""
    await person("resident@example.org")
    await logged_in(client, "resident@example.org")
    client.cookies.delete("stadtstimme_auth")
    assert (await client.get("/api/v1/me")).status_code == 401


async def test_logins_are_rate_limited(db, smtp):
    from tests.conftest import make_settings

    async with api_client(make_settings(smtp, rate_limit_per_minute=3)) as limited:
        statuses = [
            (
                await limited.post("/api/v1/auth/login", json={"email": "x@example.org", "password": "whatever1"})
            ).status_code
            for _ in range(5)
        ]
    assert statuses[:3] == [403, 403, 403]
    assert statuses[3:] == [429, 429]
