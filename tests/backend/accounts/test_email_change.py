"""A new e-mail address takes effect only after the link mailed to it is opened."""

from tests.factories import PASSWORD, logged_in, person
from tests.support.mailbox import first_link


def _token(link: str) -> str:
    return link.rstrip("/").rsplit("/", 1)[-1]


async def test_a_new_address_takes_effect_after_its_link_is_opened(client, mailbox):
    await person("alt@example.org")
    await logged_in(client, "alt@example.org")
    asked = await client.post("/api/v1/me/email", json={"new_email": "Neu@Example.org", "password": PASSWORD})
    assert asked.status_code == 202 and "Link" in asked.json()["detail_de"]
    assert (await client.get("/api/v1/me")).json()["email"] == "alt@example.org"  # not yet
    link = first_link(await mailbox.wait_for("neu@example.org", "neue E-Mail-Adresse"))
    assert "#/email-change/" in link
    done = await client.post("/api/v1/auth/email-change/confirm", json={"token": _token(link)})
    assert done.status_code == 200
    assert (await client.get("/api/v1/me")).json()["email"] == "neu@example.org"
    await logged_in(client, "neu@example.org")
    again = await client.post("/api/v1/auth/email-change/confirm", json={"token": _token(link)})
    assert again.status_code in (400, 422)


async def test_a_wrong_password_or_a_bad_address_is_refused_naming_the_field(client, mailbox):
    await person("alt@example.org")
    await logged_in(client, "alt@example.org")
    wrong = await client.post("/api/v1/me/email", json={"new_email": "neu@example.org", "password": "falsch falsch"})
    assert wrong.status_code == 403 and "password" in wrong.text
    bad = await client.post("/api/v1/me/email", json={"new_email": "kein-at", "password": PASSWORD})
    assert bad.status_code == 422 and "new_email" in bad.text
    assert (await client.get("/api/v1/me")).json()["email"] == "alt@example.org"


async def test_an_address_in_use_gets_a_hint_and_nothing_changes(client, mailbox):
    await person("alt@example.org")
    await person("belegt@example.org")
    await logged_in(client, "alt@example.org")
    asked = await client.post("/api/v1/me/email", json={"new_email": "belegt@example.org", "password": PASSWORD})
    assert asked.status_code == 202
    assert await mailbox.wait_for("belegt@example.org", "schon angemeldet")
    assert (await client.get("/api/v1/me")).json()["email"] == "alt@example.org"


async def test_anonymous_people_cannot_change_an_address(client):
    response = await client.post("/api/v1/me/email", json={"new_email": "neu@example.org", "password": PASSWORD})
    assert response.status_code == 401
