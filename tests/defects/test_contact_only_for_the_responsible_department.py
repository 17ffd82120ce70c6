"""The reporter's e-mail, name and phone reach only the responsible department's staff and the admins.

Staff of other departments, moderators, council members, residents and the public see the report without them;
staff are told that the contact exists but is kept from them (`contact_withheld`), never an empty `null` box.
"""

import pytest

from geo.roles import Role
from tests.defects.factories import multipart, pothole, staff_of, town_with_categories
from tests.factories import logged_in, person
from tests.support.moderation import post_moderated

SLUG = "taunusstein"
SECRETS = ("melder@example.org", "Mira Melder", "06128 12345")


@pytest.fixture
async def report(client, taunusstein, mailbox):
    await post_moderated(taunusstein)
    town = await town_with_categories(taunusstein)
    await staff_of(town)  # Tiefbau: the pothole category's department
    await staff_of(town, "bauhof.staff@taunusstein.example", department="bauhof")
    for role in (Role.ADMIN, Role.MODERATOR, Role.COUNCIL, Role.RESIDENT):
        await person(f"{role.value}@taunusstein.example", roles=(role,), municipality=taunusstein)
    await logged_in(client, "tiefbau.staff@taunusstein.example")
    response = await client.post(
        f"/api/v1/municipalities/{SLUG}/reports/on-behalf", files=multipart(pothole(channel="phone"))
    )
    assert response.status_code == 201, response.text
    await client.post("/api/v1/auth/logout")
    return response.json()["id"]


async def _detail_as(client, email, report_id):
    await client.post("/api/v1/auth/logout")
    if email:
        await logged_in(client, email)
    response = await client.get(f"/api/v1/municipalities/{SLUG}/reports/{report_id}")
    assert response.status_code == 200, response.text
    return response


@pytest.mark.parametrize("email", ["tiefbau.staff@taunusstein.example", "admin@taunusstein.example"])
async def test_the_responsible_department_and_the_admins_see_the_reporters_contact(client, report, email):
    detail = (await _detail_as(client, email, report)).json()
    assert detail["contact"] == {
        "email": "melder@example.org",
        "name": "Mira Melder",
        "phone": "06128 12345",
        "channel": "phone",
    }
    assert detail["contact_withheld"] is False
    assert detail["may_handle"] is True  # they get the status form


async def test_staff_of_another_department_see_the_report_but_are_told_the_contact_is_not_for_them(client, report):
    response = await _detail_as(client, "bauhof.staff@taunusstein.example", report)
    detail = response.json()
    assert detail["description"].startswith("Tiefes Schlagloch")
    assert detail["contact"] is None and detail["contact_withheld"] is True
    assert detail["may_handle"] is False  # the SPA shows them no status form the server would refuse
    assert not any(secret in response.text for secret in SECRETS)


@pytest.mark.parametrize(
    "email", [None, "resident@taunusstein.example", "moderator@taunusstein.example", "council@taunusstein.example"]
)
async def test_nobody_else_sees_any_of_the_reporters_contact(client, report, email):
    response = await _detail_as(client, email, report)
    assert response.json()["contact"] is None and response.json()["contact_withheld"] is False
    assert not any(secret in response.text for secret in SECRETS)


async def test_staff_and_admins_of_another_municipality_see_no_contact(client, report):
    from geo.services import create_department, create_from_ags

    wiesbaden = await create_from_ags("06414000")
    department = await create_department(wiesbaden.id, "Tiefbau", "tiefbau@wiesbaden.example")
    await person(
        "staff@wiesbaden.example", roles=(Role.STAFF, Role.ADMIN), municipality=wiesbaden, department_id=department.id
    )
    await logged_in(client, "staff@wiesbaden.example")
    response = await client.get(f"/api/v1/municipalities/{SLUG}/reports/{report}")
    assert response.json()["contact"] is None and response.json()["contact_withheld"] is False
    assert not any(secret in response.text for secret in SECRETS)
