"""A person's data-protection rights: see and take their data, correct it, delete the account."""

from geo.roles import Role
from tests.factories import PASSWORD, logged_in, person


async def test_a_resident_downloads_everything_stored_about_them(client, taunusstein):
    await person("lena@example.org", roles=(Role.RESIDENT,), municipality=taunusstein, name="Lena")
    await logged_in(client, "lena@example.org")
    response = await client.get("/api/v1/me/export")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    account = response.json()["account"]
    assert account["email"] == "lena@example.org" and account["display_name"] == "Lena"
    assert account["roles"] == [{"municipality": "Taunusstein", "role": "resident", "department": None}]


async def test_the_export_needs_a_login(client, db):
    assert (await client.get("/api/v1/me/export")).status_code == 401


async def test_a_resident_changes_name_and_language(client, db):
    await person("lena@example.org")
    await logged_in(client, "lena@example.org")
    response = await client.patch("/api/v1/me", json={"display_name": "Lena M.", "locale": "en"})
    assert response.status_code == 200
    assert response.json()["display_name"] == "Lena M." and response.json()["locale"] == "en"


async def test_a_password_change_needs_the_current_password(client, db):
    await person("lena@example.org")
    await logged_in(client, "lena@example.org")
    wrong = await client.post(
        "/api/v1/me/password", json={"current_password": "nope-nope", "new_password": "ein neues Passwort"}
    )
    assert wrong.status_code == 403
    ok = await client.post(
        "/api/v1/me/password", json={"current_password": PASSWORD, "new_password": "ein neues Passwort"}
    )
    assert ok.status_code == 204
    await client.post("/api/v1/auth/logout")
    await logged_in(client, "lena@example.org", "ein neues Passwort")


async def test_deleting_the_account_needs_the_password_and_ends_the_login(client, taunusstein):
    await person("lena@example.org", roles=(Role.RESIDENT,), municipality=taunusstein)
    await logged_in(client, "lena@example.org")
    assert (await client.post("/api/v1/me/delete", json={"password": "falsch-falsch"})).status_code == 403
    assert (await client.get("/api/v1/me")).status_code == 200
    assert (await client.post("/api/v1/me/delete", json={"password": PASSWORD})).status_code == 204
    assert (await client.get("/api/v1/me")).status_code == 401
    again = await client.post("/api/v1/auth/login", json={"email": "lena@example.org", "password": PASSWORD})
    assert again.status_code == 403  # the account is gone
