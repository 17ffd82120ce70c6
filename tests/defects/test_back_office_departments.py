"""Admins run their departments: create, change, retire; one that is used is never deleted."""

import pytest

from geo.roles import Role
from geo.tables import Department
from moderation.tables import AuditEntry
from tests.defects.factories import staff_of, town_with_categories
from tests.factories import logged_in, person

URL = "/api/v1/municipalities/taunusstein/admin/departments"
NEW = {
    "name": "Grünflächenamt",
    "emails": ["gruen@taunusstein.example", "gruen.vertretung@taunusstein.example"],
    "phone": "06128 241-300",
    "opening_hours": "Mo–Fr 8–12 Uhr",
}


@pytest.fixture
async def town(taunusstein):
    town = await town_with_categories(taunusstein)
    for role in (Role.RESIDENT, Role.MODERATOR, Role.ADMIN, Role.COUNCIL):
        await person(f"{role.value}@taunusstein.example", roles=(role,), municipality=taunusstein)
    await staff_of(town, "staff@taunusstein.example")
    return town


async def as_role(client, role: str | None) -> None:
    if role == "other-admin":
        from geo.services import create_from_ags

        wiesbaden = await create_from_ags("06414000")
        await person("admin@wiesbaden.example", roles=(Role.ADMIN,), municipality=wiesbaden)
        await logged_in(client, "admin@wiesbaden.example")
    elif role is not None:
        await logged_in(client, f"{role}@taunusstein.example")


@pytest.mark.parametrize(
    ("role", "status"),
    [(None, 401), ("resident", 403), ("staff", 403), ("moderator", 403), ("council", 403), ("other-admin", 403)],
)
async def test_only_the_municipalitys_admins_see_and_change_departments(client, town, role, status):
    await as_role(client, role)
    before = await Department.count()
    assert (await client.get(URL)).status_code == status
    assert (await client.post(URL, json=NEW)).status_code == status
    assert (await client.patch(f"{URL}/{town.bauhof}", json={"name": "Weg"})).status_code == status
    assert (await client.delete(f"{URL}/{town.bauhof}")).status_code == status
    assert await Department.count() == before
    assert (await Department.select(Department.name).where(Department.id == town.bauhof).first())["name"] == "Bauhof"


async def test_an_admin_adds_a_department_with_two_addresses_and_sees_its_staff(client, town):
    await logged_in(client, "admin@taunusstein.example")
    created = await client.post(URL, json=NEW)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["emails"] == NEW["emails"] and body["opening_hours"] == "Mo–Fr 8–12 Uhr"
    assert body["in_use"] is False and body["staff"] == []
    listed = {d["name"]: d for d in (await client.get(URL)).json()}
    assert set(listed) == {"Bauhof", "Grünflächenamt", "Tiefbau und Verkehr"}
    assert [s["email"] for s in listed["Tiefbau und Verkehr"]["staff"]] == ["staff@taunusstein.example"]
    assert listed["Tiefbau und Verkehr"]["categories"] == ["Straßen, Geh- und Radwege"]
    assert await AuditEntry.count().where(AuditEntry.action == "department_created") == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": ""}, "name"),
        ({"emails": []}, "emails"),
        ({"emails": ["keine-adresse"]}, "emails"),
        ({"phone": "1" * 51}, "phone"),
        ({"colour": "grün"}, "colour"),
    ],
)
async def test_bad_input_is_refused_naming_the_field_and_changes_nothing(client, town, change, field):
    await logged_in(client, "admin@taunusstein.example")
    before = await Department.count()
    response = await client.post(URL, json={**NEW, **change})
    assert response.status_code == 422, response.text
    assert any(field in (e.get("field") or "") for e in response.json()["errors"]), response.json()
    patched = await client.patch(f"{URL}/{town.bauhof}", json=change)
    assert patched.status_code == 422
    assert await Department.count() == before
    row = await Department.select().where(Department.id == town.bauhof).first()
    assert row["name"] == "Bauhof" and row["email"] == "bauhof@taunusstein.example"


async def test_a_used_department_is_never_deleted_but_retires_and_then_receives_nothing_new(client, town):
    await logged_in(client, "admin@taunusstein.example")
    refused = await client.delete(f"{URL}/{town.bauhof}")
    assert refused.status_code == 409 and refused.json()["errors"][0]["field"] == "id"
    assert await Department.exists().where(Department.id == town.bauhof)

    retired = await client.patch(f"{URL}/{town.bauhof}", json={"retired": True})
    assert retired.status_code == 200 and retired.json()["retired"] is True
    # Hidden from choices: a category cannot be given to it any more.
    chosen = await client.post(
        "/api/v1/municipalities/taunusstein/admin/defect-categories",
        json={"code": "baeume", "name_de": "Bäume", "name_en": "Trees", "department_id": town.bauhof},
    )
    assert chosen.status_code == 422 and chosen.json()["errors"][0]["field"] == "department_id"

    await client.patch(f"{URL}/{town.tiefbau}", json={"is_default": True})
    unused = (await client.post(URL, json=NEW)).json()
    assert unused["is_default"] is False
    assert (await client.delete(f"{URL}/{unused['id']}")).status_code == 204
    assert not await Department.exists().where(Department.id == unused["id"])


async def test_the_default_department_is_one_and_cannot_retire(client, town):
    await logged_in(client, "admin@taunusstein.example")
    first = (await client.post(URL, json={**NEW, "is_default": True})).json()
    assert first["is_default"] is True
    refused = await client.patch(f"{URL}/{first['id']}", json={"retired": True})
    assert refused.status_code == 409 and refused.json()["errors"][0]["field"] == "retired"
    await client.patch(f"{URL}/{town.bauhof}", json={"is_default": True})
    defaults = [d["name"] for d in (await client.get(URL)).json() if d["is_default"]]
    assert defaults == ["Bauhof"]
