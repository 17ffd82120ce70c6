"""Admins give roles in their own municipality: by id only to people of it, by e-mail to any account.

An admin of another municipality picking an id of someone who never took part there gets the same 404 as for
an id that does not exist, and nothing changes.
"""

import pytest

from geo.roles import Role
from geo.services import create_department, create_from_ags
from geo.tables import Membership
from moderation.tables import ModerationItem
from tests.factories import logged_in, person

TAUNUSSTEIN_ADMIN = "admin@taunusstein.example"
WIESBADEN_ADMIN = "admin@wiesbaden.example"


@pytest.fixture
async def towns(taunusstein):
    wiesbaden = await create_from_ags("06414000")
    await person(TAUNUSSTEIN_ADMIN, roles=(Role.ADMIN,), municipality=taunusstein)
    await person(WIESBADEN_ADMIN, roles=(Role.ADMIN,), municipality=wiesbaden)
    return taunusstein, wiesbaden


def roles_url(municipality) -> str:
    return f"/api/v1/municipalities/{municipality.slug}/roles"


async def _memberships(user_id: int) -> set[tuple[int, str]]:
    rows = await Membership.select(Membership.municipality, Membership.role).where(Membership.user == user_id)
    return {(r["municipality"], r["role"]) for r in rows}


async def test_an_admin_of_another_municipality_cannot_give_a_stranger_a_role_by_id(client, towns):
    taunusstein, wiesbaden = towns
    anna = await person("anna@example.org", roles=(Role.RESIDENT,), municipality=taunusstein, name="Anna")
    await logged_in(client, WIESBADEN_ADMIN)
    stranger = await client.post(roles_url(wiesbaden), json={"user_id": anna, "role": "moderator"})
    nobody = await client.post(roles_url(wiesbaden), json={"user_id": 999_999, "role": "moderator"})
    assert stranger.status_code == nobody.status_code == 404
    assert stranger.json()["detail_en"] == nobody.json()["detail_en"] and "Anna" not in stranger.text
    assert await _memberships(anna) == {(taunusstein.id, "resident")}


async def test_an_admin_gives_a_role_by_id_to_someone_who_contributed_or_holds_a_role_there(client, towns):
    taunusstein, _ = towns
    author = await person("author@example.org")
    await ModerationItem(
        municipality=taunusstein.id, content_type="comment", content_id=1, author=author, text="Hallo"
    ).save()
    council = await person("rat@example.org", roles=(Role.COUNCIL,), municipality=taunusstein)
    await logged_in(client, TAUNUSSTEIN_ADMIN)
    assert (await client.post(roles_url(taunusstein), json={"user_id": author, "role": "resident"})).status_code == 204
    assert (
        await client.post(roles_url(taunusstein), json={"user_id": council, "role": "moderator"})
    ).status_code == 204
    assert (taunusstein.id, "resident") in await _memberships(author)
    assert (taunusstein.id, "moderator") in await _memberships(council)


async def test_an_admin_gives_a_new_colleague_a_role_by_their_e_mail_address(client, towns):
    taunusstein, _ = towns
    department = await create_department(taunusstein.id, "Bauhof", "bauhof@taunusstein.example")
    newcomer = await person("neu@taunusstein.example")
    await logged_in(client, TAUNUSSTEIN_ADMIN)
    response = await client.post(
        roles_url(taunusstein),
        json={"email": " Neu@Taunusstein.example ", "role": "staff", "department_id": department.id},
    )
    assert response.status_code == 204
    assert await _memberships(newcomer) == {(taunusstein.id, "staff")}
    unknown = await client.post(roles_url(taunusstein), json={"email": "niemand@example.org", "role": "staff"})
    assert unknown.status_code == 404 and unknown.json()["errors"][0]["field"] == "email"
    both = await client.post(
        roles_url(taunusstein), json={"email": "neu@taunusstein.example", "user_id": newcomer, "role": "staff"}
    )
    assert both.status_code == 422


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.STAFF, Role.COUNCIL, Role.RESIDENT])
async def test_only_admins_give_roles(client, towns, role):
    taunusstein, _ = towns
    asker = await person("jemand@example.org", roles=(role,), municipality=taunusstein)
    await logged_in(client, "jemand@example.org")
    response = await client.post(roles_url(taunusstein), json={"user_id": asker, "role": "admin"})
    assert response.status_code == 403
    assert (taunusstein.id, "admin") not in await _memberships(asker)
