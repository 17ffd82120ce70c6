"""Admins run their municipality's people: list and search, revoke roles, deactivate; all of it audited.

Only admins of the municipality itself may: anonymous visitors get 401, every other role and another town's
admin 403. The last admin cannot be removed; an admin of one town never switches off an account another town
relies on.
"""

from __future__ import annotations

import pytest

from backend.accounts.tables import Profile
from geo.roles import Role
from geo.tables import Membership
from moderation.tables import AuditEntry
from tests.backend.accounts.people_support import EXPECTED_ADMIN_ONLY, ROLE_EMAILS, cast
from tests.factories import PASSWORD, logged_in, person
from tests.support.client import api_client


@pytest.fixture
async def people(taunusstein):
    return await cast(taunusstein)


def url(people, *parts: str) -> str:
    return "/".join([f"/api/v1/municipalities/{people.town.slug}", *parts])


async def membership_id(user_id: int, municipality_id: int, role: str) -> int:
    row = (
        await Membership.select(Membership.id)
        .where((Membership.user == user_id) & (Membership.municipality == municipality_id) & (Membership.role == role))
        .first()
    )
    assert row is not None
    return int(row["id"])


async def audit_actions(municipality_id: int) -> list[str]:
    rows = await AuditEntry.select(AuditEntry.action).where(AuditEntry.municipality == municipality_id)
    return [r["action"] for r in rows]


@pytest.mark.parametrize("who", sorted(EXPECTED_ADMIN_ONLY))
async def test_only_the_municipalitys_admins_use_the_people_endpoints(client, people, who):
    if who != "anonymous":
        await logged_in(client, ROLE_EMAILS[who])
    staff_role = await membership_id(people.ids["staff"], people.town.id, "staff")
    calls = [
        client.get(url(people, "people")),
        client.get(url(people, "invitations", "departments")),
        client.post(url(people, "invitations"), json={"email": "neu@example.org", "name": "Neu", "role": "council"}),
        client.delete(url(people, "roles", str(staff_role))),
        client.post(url(people, "people", str(people.ids["resident"]), "deactivate")),
    ]
    for call in calls:
        response = await call
        assert response.status_code == EXPECTED_ADMIN_ONLY[who], response.text
    assert await Membership.exists().where(Membership.id == staff_role)
    assert not await Profile.exists().where(Profile.deactivated_at.is_not_null())
    assert await audit_actions(people.town.id) == []


async def test_an_admin_lists_searches_and_filters_the_people_of_the_town(client, people):
    await logged_in(client, ROLE_EMAILS["admin"])
    departments = (await client.get(url(people, "invitations", "departments"))).json()
    assert departments == [{"id": people.department.id, "name": "Bauhof"}]
    everyone = (await client.get(url(people, "people"))).json()
    emails = [p["email"] for p in everyone["items"]]
    assert emails == sorted(ROLE_EMAILS[r] for r in ("resident", "staff", "moderator", "admin", "council"))
    assert ROLE_EMAILS["other_admin"] not in emails
    staff = next(p for p in everyone["items"] if p["email"] == ROLE_EMAILS["staff"])
    assert staff["roles"][0]["role"] == "staff" and staff["roles"][0]["department"] == "Bauhof"

    found = (await client.get(url(people, "people"), params={"q": "MODERATOR"})).json()["items"]
    assert [p["email"] for p in found] == [ROLE_EMAILS["moderator"]]  # by name, case ignored
    councils = (await client.get(url(people, "people"), params={"role": "council"})).json()["items"]
    assert [p["display_name"] for p in councils] == ["Council"]

    first = (await client.get(url(people, "people"), params={"limit": 2})).json()
    second = (await client.get(url(people, "people"), params={"limit": 2, "cursor": first["next_cursor"]})).json()
    assert [p["email"] for p in first["items"] + second["items"]] == emails[:4]

    bad = await client.get(url(people, "people"), params={"role": "king"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "role"


async def test_an_admin_revokes_a_role_and_the_audit_log_says_who(client, people):
    await logged_in(client, ROLE_EMAILS["admin"])
    role = await membership_id(people.ids["moderator"], people.town.id, "moderator")
    assert (await client.delete(url(people, "roles", str(role)))).status_code == 204
    assert not await Membership.exists().where(Membership.id == role)
    entry = await AuditEntry.select().where(AuditEntry.action == "role_revoked").first()
    assert entry["actor"] == people.ids["admin"] and entry["subject_user_id"] == people.ids["moderator"]
    assert '"moderator"' in entry["before"]
    again = await client.delete(url(people, "roles", str(role)))
    assert again.status_code == 404 and again.json()["errors"][0]["field"] == "membership_id"


async def test_a_role_of_another_town_cannot_be_revoked_from_here(client, people):
    await logged_in(client, ROLE_EMAILS["admin"])
    theirs = await membership_id(people.ids["other_admin"], people.other.id, "admin")
    assert (await client.delete(url(people, "roles", str(theirs)))).status_code == 404
    assert await Membership.exists().where(Membership.id == theirs)


async def test_the_last_admin_cannot_be_revoked_or_deactivated(client, people):
    await logged_in(client, ROLE_EMAILS["admin"])
    own = await membership_id(people.ids["admin"], people.town.id, "admin")
    refused = await client.delete(url(people, "roles", str(own)))
    assert refused.status_code == 409
    assert "letzte Person mit Verwaltungsrechten" in refused.json()["detail_de"]
    assert await Membership.exists().where(Membership.id == own)

    second = await person("zweite@taunusstein.example", roles=(Role.ADMIN,), municipality=people.town)
    deactivated = await client.post(url(people, "people", str(second), "deactivate"))
    assert deactivated.status_code == 200  # another admin is left: fine
    refused_again = await client.delete(url(people, "roles", str(own)))
    assert refused_again.status_code == 409  # the second admin is gone again
    assert "role_revoked" not in await audit_actions(people.town.id)


async def test_deactivating_someone_of_this_town_only_ends_their_login(client, settings, people):
    async with api_client(settings) as staff_client:
        await logged_in(staff_client, ROLE_EMAILS["staff"])
        assert (await staff_client.get("/api/v1/me")).status_code == 200
        await logged_in(client, ROLE_EMAILS["admin"])
        response = await client.post(url(people, "people", str(people.ids["staff"]), "deactivate"))
        assert response.status_code == 200 and response.json()["scope"] == "platform"
        assert (await staff_client.get("/api/v1/me")).status_code == 401  # the running session ended
        refused = await staff_client.post(
            "/api/v1/auth/login", json={"email": ROLE_EMAILS["staff"], "password": PASSWORD}
        )
        assert refused.status_code == 403 and refused.json()["type"].endswith("account-deactivated")
    assert not await Membership.exists().where(Membership.user == people.ids["staff"])
    entry = await AuditEntry.select().where(AuditEntry.action == "person_deactivated").first()
    assert entry["actor"] == people.ids["admin"] and entry["subject_user_id"] == people.ids["staff"]


async def test_someone_who_also_belongs_to_another_town_keeps_their_account(client, settings, people):
    both = await person("beide@example.org", roles=(Role.COUNCIL,), municipality=people.town, name="Beide")
    await Membership(user=both, municipality=people.other.id, role="staff").save()
    await logged_in(client, ROLE_EMAILS["admin"])
    response = await client.post(url(people, "people", str(both), "deactivate"))
    assert response.status_code == 200 and response.json()["scope"] == "municipality"
    assert not await Membership.exists().where((Membership.user == both) & (Membership.municipality == people.town.id))
    assert await Membership.exists().where((Membership.user == both) & (Membership.municipality == people.other.id))
    async with api_client(settings) as theirs:
        await logged_in(theirs, "beide@example.org")  # still logs in: Wiesbaden relies on the account


async def test_an_admin_cannot_deactivate_themselves_or_a_stranger(client, people):
    await logged_in(client, ROLE_EMAILS["admin"])
    own = await client.post(url(people, "people", str(people.ids["admin"]), "deactivate"))
    assert own.status_code == 409 and own.json()["errors"][0]["field"] == "user_id"
    stranger = await client.post(url(people, "people", str(people.ids["other_admin"]), "deactivate"))
    nobody = await client.post(url(people, "people", "999999", "deactivate"))
    assert stranger.status_code == nobody.status_code == 404
    assert stranger.json()["detail_en"] == nobody.json()["detail_en"]
    assert await audit_actions(people.town.id) == []


async def test_granting_a_role_is_audited(client, people):
    await logged_in(client, ROLE_EMAILS["admin"])
    response = await client.post(url(people, "roles"), json={"user_id": people.ids["resident"], "role": "moderator"})
    assert response.status_code == 204
    entry = await AuditEntry.select().where(AuditEntry.action == "role_granted").first()
    assert entry["actor"] == people.ids["admin"] and entry["subject_user_id"] == people.ids["resident"]
