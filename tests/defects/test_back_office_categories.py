"""Admins run the categories: create, edit, reorder, retire; one with reports is never deleted."""

import pytest

from defects.tables import Category
from geo.roles import Role
from tests.defects.factories import INSIDE, file, pothole, staff_of, stored_report, town_with_categories
from tests.factories import logged_in, person

SLUG = "taunusstein"
URL = f"/api/v1/municipalities/{SLUG}/admin/defect-categories"
BENCH = {
    "code": "baenke",
    "name_de": "Sitzbänke",
    "name_en": "Benches",
    "description_de": "Kaputte oder fehlende Bänke",
    "icon": "warning",
    "questions": [
        {
            "code": "material",
            "datatype": "singlevaluelist",
            "required": True,
            "label_de": "Woraus ist die Bank?",
            "label_en": "What is the bench made of?",
            "values": [
                {"key": "holz", "name_de": "Holz", "name_en": "Wood"},
                {"key": "metall", "name_de": "Metall", "name_en": "Metal"},
            ],
        }
    ],
}


@pytest.fixture
async def town(taunusstein):
    town = await town_with_categories(taunusstein)
    for role in (Role.RESIDENT, Role.MODERATOR, Role.ADMIN, Role.COUNCIL):
        await person(f"{role.value}@taunusstein.example", roles=(role,), municipality=taunusstein)
    await staff_of(town, "staff@taunusstein.example")
    return town


async def codes(client) -> list[str]:
    return [c["code"] for c in (await client.get(f"/api/v1/municipalities/{SLUG}/defect-categories")).json()]


@pytest.mark.parametrize(
    ("role", "status"),
    [(None, 401), ("resident", 403), ("staff", 403), ("moderator", 403), ("council", 403), ("other-admin", 403)],
)
async def test_only_the_municipalitys_admins_manage_categories(client, town, role, status):
    if role == "other-admin":
        from geo.services import create_from_ags

        wiesbaden = await create_from_ags("06414000")
        await person("admin@wiesbaden.example", roles=(Role.ADMIN,), municipality=wiesbaden)
        await logged_in(client, "admin@wiesbaden.example")
    elif role is not None:
        await logged_in(client, f"{role}@taunusstein.example")
    first = await Category.select(Category.id).order_by(Category.id).first()
    assert (await client.get(URL)).status_code == status
    assert (await client.post(URL, json=BENCH)).status_code == status
    assert (await client.patch(f"{URL}/{first['id']}", json={"name_de": "Weg"})).status_code == status
    assert (await client.post(f"{URL}/{first['id']}/move", json={"direction": "down"})).status_code == status
    assert (await client.delete(f"{URL}/{first['id']}")).status_code == status
    assert (await client.get(f"/api/v1/municipalities/{SLUG}/admin/defect-icons")).status_code == status
    assert await codes(client) == ["strassen", "beleuchtung"]
    assert await Category.count() == 2


async def test_an_admin_adds_a_category_with_a_required_question_and_residents_must_answer_it(client, town, mailbox):
    await logged_in(client, "admin@taunusstein.example")
    created = await client.post(URL, json={**BENCH, "department_id": town.bauhof})
    assert created.status_code == 201, created.text
    assert created.json()["department"] == "Bauhof" and created.json()["position"] == 2
    assert await codes(client) == ["strassen", "beleuchtung", "baenke"]
    await client.post("/api/v1/auth/logout")
    missing = await file(client, SLUG, pothole(category="baenke", answers={}))
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "answers.material"
    await logged_in(client, "resident@taunusstein.example")
    filed = await file(client, SLUG, pothole(category="baenke", answers={"material": "holz"}, email=None))
    assert filed.status_code == 201, filed.text
    await mailbox.wait_for("bauhof@taunusstein.example", f"#{filed.json()['id']}")


async def test_reordering_moves_one_place_and_residents_see_the_new_order(client, town):
    await logged_in(client, "admin@taunusstein.example")
    bench = (await client.post(URL, json=BENCH)).json()
    moved = await client.post(f"{URL}/{bench['id']}/move", json={"direction": "up"})
    assert moved.status_code == 200
    assert [c["code"] for c in moved.json()] == ["strassen", "baenke", "beleuchtung"]
    await client.post(f"{URL}/{bench['id']}/move", json={"direction": "up"})
    await client.post(f"{URL}/{bench['id']}/move", json={"direction": "up"})  # the first stays first
    assert await codes(client) == ["baenke", "strassen", "beleuchtung"]


async def test_editing_changes_names_questions_and_icon_but_never_the_code(client, town):
    await logged_in(client, "admin@taunusstein.example")
    light = next(c for c in (await client.get(URL)).json() if c["code"] == "beleuchtung")
    changed = await client.patch(
        f"{URL}/{light['id']}",
        json={"name_de": "Laternen", "name_en": "Street lamps", "icon": "bulb", "questions": [], "department_id": None},
    )
    assert changed.status_code == 200, changed.text
    body = changed.json()
    assert (body["code"], body["name_de"], body["department"], body["questions"]) == (
        "beleuchtung",
        "Laternen",
        None,
        [],
    )
    refused = await client.patch(f"{URL}/{light['id']}", json={"code": "lampen"})
    assert refused.status_code == 422


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name_de": ""}, "name_de"),
        ({"icon": "einhorn"}, "icon"),
        ({"questions": [{**BENCH["questions"][0], "datatype": "colour"}]}, "datatype"),
        ({"questions": [{**BENCH["questions"][0], "values": []}]}, "questions[0].values"),
        ({"questions": [BENCH["questions"][0], BENCH["questions"][0]]}, "questions[1].code"),
        ({"duplicate_radius_m": 1}, "duplicate_radius_m"),
        ({"department_id": 999999}, "department_id"),
        ({"routes": [{"district_id": 1}]}, "routes[0].department_id"),
        ({"routes": [{"area": {"type": "Point", "coordinates": [8.1, 50.1]}, "department_id": 1}]}, "routes[0].area"),
    ],
)
async def test_bad_input_is_refused_naming_the_field_and_changes_nothing(client, town, change, field):
    await logged_in(client, "admin@taunusstein.example")
    light = next(c for c in (await client.get(URL)).json() if c["code"] == "beleuchtung")
    created = await client.post(URL, json={**BENCH, **change})
    assert created.status_code == 422, created.text
    assert any(field in (e.get("field") or "") for e in created.json()["errors"]), created.json()
    patched = await client.patch(f"{URL}/{light['id']}", json=change)
    assert patched.status_code == 422, patched.text
    assert any(field in (e.get("field") or "") for e in patched.json()["errors"]), patched.json()
    assert await Category.count() == 2
    again = next(c for c in (await client.get(URL)).json() if c["code"] == "beleuchtung")
    assert again == light


async def test_a_category_with_reports_retires_instead_of_going_and_its_reports_keep_it(client, town):
    await logged_in(client, "admin@taunusstein.example")
    report = await stored_report(town, INSIDE["lat"], INSIDE["lon"], category="strassen")
    roads = next(c for c in (await client.get(URL)).json() if c["code"] == "strassen")
    refused = await client.delete(f"{URL}/{roads['id']}")
    assert refused.status_code == 409 and refused.json()["errors"][0]["field"] == "id"

    retired = await client.patch(f"{URL}/{roads['id']}", json={"retired": True})
    assert retired.status_code == 200 and retired.json()["retired"] is True
    assert await codes(client) == ["beleuchtung"]
    services = await client.get("/open311/v2/services.json", params={"jurisdiction_id": SLUG})
    assert [s["service_code"] for s in services.json()] == ["beleuchtung"]
    assert (await file(client, SLUG, pothole())).json()["errors"][0]["field"] == "category"
    detail = (await client.get(f"/api/v1/municipalities/{SLUG}/reports/{report}")).json()
    assert detail["category"] == "strassen" and detail["category_name_de"] == "Straßen, Geh- und Radwege"

    bench = (await client.post(URL, json=BENCH)).json()
    assert (await client.delete(f"{URL}/{bench['id']}")).status_code == 204
    assert [c["code"] for c in (await client.get(URL)).json()] == ["strassen", "beleuchtung"]
