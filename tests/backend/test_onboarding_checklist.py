"""The back office's onboarding checklist: a town fresh from `municipality-add` lacks everything but its
categories' fallback, and each item turns done as the admin fills it in; the town is listed once its Impressum
and Datenschutzerklärung are out."""

import json
from typing import Any

import pytest

from backend.cli import municipality_add
from geo import services as geo
from geo.roles import Role
from tests.factories import logged_in, person, split_into_districts

SLUG = "idstein"
URL = f"/api/v1/municipalities/{SLUG}/admin/checklist"
KINDS = ("impressum", "datenschutz", "barrierefreiheit", "nutzungsbedingungen")


async def new_town() -> Any:
    await municipality_add("06439008", None, ["Kernstadt", "Wörsdorf"])
    return await geo.get_municipality(SLUG)


async def as_admin(client: Any, town: Any) -> None:
    await person("admin@idstein.example", roles=(Role.ADMIN,), municipality=town)
    await logged_in(client, "admin@idstein.example")


def by_key(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["key"]: item for item in body["items"]}


async def test_a_new_town_lacks_everything_and_is_not_listed(client, db):
    town = await new_town()
    await as_admin(client, town)
    response = await client.get(URL)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["listed"] is False and body["done"] is False
    items = by_key(body)
    assert [i["key"] for i in body["items"]] == ["profile", "legal", "departments", "categories", "staff", "districts"]
    assert {k: i["section"] for k, i in items.items()}["staff"] == "people"
    assert not any(i["done"] for i in body["items"])
    assert [m["code"] for m in items["profile"]["missing"]] == ["contact_address", "contact_phone", "contact_email"]
    assert [m["label_de"] for m in items["legal"]["missing"]][:2] == ["Impressum", "Datenschutzerklärung"]
    # Every standard category falls back to the default department, whose address is still the placeholder.
    assert len(items["categories"]["missing"]) == 13


async def test_each_item_is_done_once_filled_in_and_the_town_is_listed(client, db):
    town = await new_town()
    await as_admin(client, town)
    profile = {
        "contact_address": "König-Adolf-Platz 1\n65510 Idstein",
        "contact_phone": "06126 78-0",
        "contact_email": "rathaus@idstein.example",
    }
    assert (await client.patch(f"/api/v1/municipalities/{SLUG}/profile", json=profile)).status_code == 200
    for kind in KINDS[:2]:
        saved = await client.put(f"/api/v1/municipalities/{SLUG}/legal/{kind}/draft", json={"body": "# Text"})
        assert saved.status_code == 200, saved.text
        assert (await client.post(f"/api/v1/municipalities/{SLUG}/legal/{kind}/publish")).status_code in (200, 201)
    halfway = by_key((await client.get(URL)).json())
    assert halfway["profile"]["done"] and not halfway["legal"]["done"]
    assert [m["code"] for m in halfway["legal"]["missing"]] == ["barrierefreiheit", "nutzungsbedingungen"]
    assert (await client.get(URL)).json()["listed"] is True  # Impressum and Datenschutz are enough to be listed
    for kind in KINDS[2:]:
        await client.put(f"/api/v1/municipalities/{SLUG}/legal/{kind}/draft", json={"body": "# Text"})
        await client.post(f"/api/v1/municipalities/{SLUG}/legal/{kind}/publish")

    departments = (await client.get(f"/api/v1/municipalities/{SLUG}/admin/departments")).json()
    default = next(d for d in departments if d["is_default"])
    changed = await client.patch(
        f"/api/v1/municipalities/{SLUG}/admin/departments/{default['id']}", json={"emails": ["rathaus@idstein.example"]}
    )
    assert changed.status_code == 200, changed.text
    await person("bauhof@idstein.example", roles=(Role.STAFF,), municipality=town, department_id=default["id"])
    await geo.upload_districts(town, split_into_districts(json.loads(town.boundary), ["Kernstadt"]))

    body = (await client.get(URL)).json()
    assert body["done"] is True and body["listed"] is True, body
    assert all(i["done"] and i["missing"] == [] for i in body["items"])


async def test_a_category_routed_to_a_placeholder_department_is_named(client, db):
    town = await new_town()
    await as_admin(client, town)
    departments = (await client.get(f"/api/v1/municipalities/{SLUG}/admin/departments")).json()
    default = next(d for d in departments if d["is_default"])
    await client.patch(
        f"/api/v1/municipalities/{SLUG}/admin/departments/{default['id']}", json={"emails": ["rathaus@idstein.example"]}
    )
    made = await client.post(
        f"/api/v1/municipalities/{SLUG}/admin/departments",
        json={"name": "Bauhof", "emails": ["bauhof@bitte-eintragen.example"]},
    )
    assert made.status_code == 201, made.text
    categories = (await client.get(f"/api/v1/municipalities/{SLUG}/admin/defect-categories")).json()
    first = categories[0]
    routed = await client.patch(
        f"/api/v1/municipalities/{SLUG}/admin/defect-categories/{first['id']}",
        json={"department_id": made.json()["id"]},
    )
    assert routed.status_code == 200, routed.text
    items = by_key((await client.get(URL)).json())
    assert items["departments"]["done"]
    assert [m["label_de"] for m in items["categories"]["missing"]] == [first["name_de"]]


ROLES = {
    "anonymous": 401,
    "resident": 403,
    "staff": 403,
    "moderator": 403,
    "admin": 200,
    "council": 403,
    "admin of another town": 403,
}


@pytest.mark.parametrize(("who", "status"), ROLES.items())
async def test_the_checklist_is_for_the_towns_admins(client, db, who, status):
    town = await new_town()
    roles = {"resident": Role.RESIDENT, "staff": Role.STAFF, "moderator": Role.MODERATOR, "admin": Role.ADMIN}
    roles["council"] = Role.COUNCIL
    roles["admin of another town"] = Role.ADMIN
    if who != "anonymous":
        other = town if who != "admin of another town" else await geo.create_from_ags("06414000")
        await person("someone@example.org", roles=(roles[who],), municipality=other)
        await logged_in(client, "someone@example.org")
    response = await client.get(URL)
    assert response.status_code == status, response.text
    if status == 200:
        assert response.json()["listed"] is False
