"""A changed or reset password, and "log out everywhere", end the person's sessions on every device."""

from __future__ import annotations

from contextlib import asynccontextmanager
from typing import Any

from backend.app import create_app
from tests.factories import PASSWORD, logged_in, person
from tests.support.client import api_client
from tests.support.mailbox import first_link

NEW_PASSWORD = "ein ganz anderes Passwort"


@asynccontextmanager
async def two_devices(settings: Any) -> Any:
    """The same person logged in on a phone and a laptop (with Redis: served by two workers)."""
    await person("lena@example.org")
    first = create_app(settings)
    second = first if settings.redis_url is None else create_app(settings)
    async with api_client(settings, first) as phone, api_client(settings, second) as laptop:
        await logged_in(phone, "lena@example.org")
        await logged_in(laptop, "lena@example.org")
        yield phone, laptop


async def test_changing_the_password_ends_the_other_sessions(db, store_settings):
    async with two_devices(store_settings()) as (phone, laptop):
        changed = await phone.post(
            "/api/v1/me/password", json={"current_password": PASSWORD, "new_password": NEW_PASSWORD}
        )
        assert changed.status_code == 204
        assert (await laptop.get("/api/v1/me")).status_code == 401
        assert (await phone.get("/api/v1/me")).status_code == 200  # the device that changed it stays logged in
        # The stolen laptop cookie stays dead, even after the phone's session was renewed.
        assert (await laptop.get("/api/v1/me")).status_code == 401


async def test_resetting_the_password_ends_every_session(db, store_settings, mailbox):
    async with two_devices(store_settings()) as (phone, laptop):
        await phone.post("/api/v1/auth/password-reset", json={"email": "lena@example.org"})
        token = first_link(await mailbox.wait_for("lena@example.org", "Neues Passwort")).rsplit("/", 1)[-1]
        reset = await phone.post("/api/v1/auth/password-reset/confirm", json={"token": token, "password": NEW_PASSWORD})
        assert reset.status_code == 200
        assert (await laptop.get("/api/v1/me")).status_code == 401
        assert (await phone.get("/api/v1/me")).status_code == 401
        await logged_in(laptop, "lena@example.org", NEW_PASSWORD)
        assert (await laptop.get("/api/v1/me")).status_code == 200


async def test_logging_out_everywhere_ends_every_session(db, store_settings):
    async with two_devices(store_settings()) as (phone, laptop):
        assert (await phone.post("/api/v1/auth/logout-everywhere")).status_code == 204
        assert (await phone.get("/api/v1/me")).status_code == 401
        assert (await laptop.get("/api/v1/me")).status_code == 401
        await logged_in(laptop, "lena@example.org")  # a new login works as before
        assert (await laptop.get("/api/v1/me")).status_code == 200


async def test_logging_out_everywhere_needs_a_login(client):
    assert (await client.post("/api/v1/auth/logout-everywhere")).status_code == 401
