"""Passwords need 10 characters and must not be on the shipped list of common and breached passwords:
refused at registration, reset and change, naming the field, in German and English."""

from __future__ import annotations

import pytest

from tests.factories import PASSWORD, logged_in, person
from tests.support.mailbox import first_link

COMMON = ["1234567890", "passwort123", "Passwort123", "hallo12345", "password123", "qwertzuiop"]


def assert_refused_as_common(response, field: str = "password") -> None:
    assert response.status_code == 422
    problem = response.json()
    assert problem["errors"][0]["field"] == field
    assert "zu bekannt" in problem["errors"][0]["detail_de"]
    assert "too common" in problem["errors"][0]["detail_en"]


@pytest.mark.parametrize("password", COMMON)
async def test_a_common_password_is_refused_at_registration(client, password):
    body = {"email": "lena@example.org", "password": password, "display_name": "", "locale": "de", "accept_terms": True}
    assert_refused_as_common(await client.post("/api/v1/auth/register", json=body))


async def test_a_common_password_is_refused_when_changing_it(client):
    await person("lena@example.org")
    await logged_in(client, "lena@example.org")
    body = {"current_password": PASSWORD, "new_password": "passwort123"}
    assert_refused_as_common(await client.post("/api/v1/me/password", json=body), field="new_password")
    await logged_in(client, "lena@example.org")  # the old password still works


async def test_a_common_password_is_refused_at_reset(client, mailbox):
    await person("lena@example.org")
    await client.post("/api/v1/auth/password-reset", json={"email": "lena@example.org"})
    token = first_link(await mailbox.wait_for("lena@example.org", "Neues Passwort")).rsplit("/", 1)[-1]
    body = {"token": token, "password": "1234567890"}
    assert_refused_as_common(await client.post("/api/v1/auth/password-reset/confirm", json=body))


async def test_a_short_sentence_is_accepted(client):
    body = {
        "email": "lena@example.org",
        "password": "mein Hund mag Äpfel",
        "display_name": "",
        "locale": "de",
        "accept_terms": True,
    }
    assert (await client.post("/api/v1/auth/register", json=body)).status_code == 202
