"""Who receives a report: a drawn area beats a district, a district beats the category, the category beats the
default department; an outside body is answered "nicht zuständig" with its contact. Mail arrives on SMTP."""

import pytest
from shapely.geometry import box, mapping

from defects.tables import Report
from geo.roles import Role
from geo.tables import District
from tests.defects.factories import INSIDE, file, pothole, town_with_categories
from tests.factories import logged_in, person
from tests.support.mailbox import body_of

SLUG = "taunusstein"
ADMIN = f"/api/v1/municipalities/{SLUG}/admin"
# A small square around INSIDE (Wehen, near the town hall), e.g. a stretch of a Landesstraße.
AREA = mapping(box(INSIDE["lon"] - 0.002, INSIDE["lat"] - 0.002, INSIDE["lon"] + 0.002, INSIDE["lat"] + 0.002))
HESSEN_MOBIL = {
    "name": "Hessen Mobil, Straßen- und Verkehrsmanagement",
    "email": "info@mobil.hessen.example",
    "phone": "0611 366-0",
    "web": "https://mobil.hessen.de",
}


@pytest.fixture
async def town(taunusstein):
    town = await town_with_categories(taunusstein)
    await person("admin@taunusstein.example", roles=(Role.ADMIN,), municipality=taunusstein)
    await person("anna@example.org")
    return town


async def department(client, name: str, *emails: str, default: bool = False) -> int:
    response = await client.post(
        f"{ADMIN}/departments", json={"name": name, "emails": list(emails), "is_default": default}
    )
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


async def roads_id(client) -> int:
    return next(c["id"] for c in (await client.get(f"{ADMIN}/defect-categories")).json() if c["code"] == "strassen")


async def file_as_anna(client) -> int:
    await logged_in(client, "anna@example.org")
    response = await file(client, SLUG, pothole(email=None))
    assert response.status_code == 201, response.text
    await logged_in(client, "admin@taunusstein.example")
    return int(response.json()["id"])


async def wehen_id() -> int:
    # The district the point INSIDE lies in (the test districts are vertical strips).
    from geo import services as geo

    territory = await geo.territory_of(await geo.get_municipality(SLUG))
    found = territory.district_at(INSIDE["lon"], INSIDE["lat"])
    assert found is not None
    return found.id


async def test_an_area_beats_a_district_beats_the_category_beats_the_default(client, town, mailbox):
    await logged_in(client, "admin@taunusstein.example")
    area_dept = await department(
        client, "Straßenmeisterei", "meisterei@taunusstein.example", "vertretung@taunusstein.example"
    )
    district_dept = await department(client, "Ortsbeirat Wehen", "wehen@taunusstein.example")
    await department(client, "Bürgerbüro", "buergerbuero@taunusstein.example", default=True)
    roads = await roads_id(client)
    district = await wehen_id()
    routes = [
        {"label": "Ortsdurchfahrt", "district_id": district, "department_id": district_dept},
        {"label": "Kreuzung am Rathaus", "area": AREA, "department_id": area_dept},
    ]
    changed = await client.patch(f"{ADMIN}/defect-categories/{roads}", json={"routes": routes})
    assert changed.status_code == 200, changed.text
    assert [r["label"] for r in changed.json()["routes"]] == ["Ortsdurchfahrt", "Kreuzung am Rathaus"]

    first = await file_as_anna(client)  # inside the area: both addresses of the area's department
    await mailbox.wait_for("meisterei@taunusstein.example", f"#{first}")
    await mailbox.wait_for("vertretung@taunusstein.example", f"#{first}")
    assert mailbox.to("wehen@taunusstein.example") == [] and mailbox.to("tiefbau@taunusstein.example") == []
    assert (await Report.select(Report.department).where(Report.id == first).first())["department"] == area_dept

    await client.patch(f"{ADMIN}/defect-categories/{roads}", json={"routes": routes[:1]})
    second = await file_as_anna(client)  # no area now: the district's rule
    await mailbox.wait_for("wehen@taunusstein.example", f"#{second}")

    await client.patch(f"{ADMIN}/defect-categories/{roads}", json={"routes": []})
    third = await file_as_anna(client)  # no rules: the category's department
    await mailbox.wait_for("tiefbau@taunusstein.example", f"#{third}")

    await client.patch(f"{ADMIN}/departments/{town.tiefbau}", json={"retired": True})
    fourth = await file_as_anna(client)  # its department retired: the default department
    await mailbox.wait_for("buergerbuero@taunusstein.example", f"#{fourth}")
    assert not any(f"#{fourth}" in str(m["Subject"]) for m in mailbox.to("tiefbau@taunusstein.example"))


async def test_staff_of_the_department_a_rule_chose_work_on_the_report(client, town, mailbox):
    await logged_in(client, "admin@taunusstein.example")
    wehen = await department(client, "Ortsbeirat Wehen", "wehen@taunusstein.example")
    roads = await roads_id(client)
    await client.patch(
        f"{ADMIN}/defect-categories/{roads}",
        json={"routes": [{"district_id": await wehen_id(), "department_id": wehen}]},
    )
    report = await file_as_anna(client)
    await person(
        "ortsbeirat@taunusstein.example", roles=(Role.STAFF,), municipality=town.municipality, department_id=wehen
    )
    await logged_in(client, "ortsbeirat@taunusstein.example")
    queue = (await client.get(f"/api/v1/municipalities/{SLUG}/defect-queue")).json()
    assert [item["id"] for item in queue["items"]] == [report]
    detail = (await client.get(f"/api/v1/municipalities/{SLUG}/reports/{report}")).json()
    assert detail["may_handle"] is True and detail["contact"]["email"] == "anna@example.org"


async def test_an_outside_body_answers_not_responsible_with_its_contact(client, town, mailbox):
    await logged_in(client, "admin@taunusstein.example")
    roads = await roads_id(client)
    rule = {"label": "Landesstraßen", "area": AREA, "external": HESSEN_MOBIL}
    assert (await client.patch(f"{ADMIN}/defect-categories/{roads}", json={"routes": [rule]})).status_code == 200
    await client.post("/api/v1/auth/logout")

    await logged_in(client, "anna@example.org")
    response = await file(client, SLUG, pothole(email=None))
    assert response.status_code == 201, response.text
    assert "Hessen Mobil" in response.json()["detail_de"]
    report = response.json()["id"]
    answer = await mailbox.wait_for("anna@example.org", "zuständig ist Hessen Mobil")
    text = body_of(answer)
    assert "info@mobil.hessen.example" in text and "0611 366-0" in text and "https://mobil.hessen.de" in text
    assert mailbox.to("tiefbau@taunusstein.example") == []  # nobody here is asked to act
    assert mailbox.to("info@mobil.hessen.example") == []  # and the reporter's details are not passed on

    await logged_in(client, "admin@taunusstein.example")
    detail = (await client.get(f"/api/v1/municipalities/{SLUG}/reports/{report}")).json()
    assert detail["status"] == "nicht_zustaendig" and detail["status_group"] == "closed"
    last = detail["history"][-1]
    assert last["label_de"] == "Nicht zuständig" and last["responsible"].startswith("Hessen Mobil")
    assert "Tel. 0611 366-0" in last["responsible"]


async def test_a_rule_names_a_district_or_an_area_and_a_department_or_a_body(client, town):
    await logged_in(client, "admin@taunusstein.example")
    roads = await roads_id(client)
    other_town_district = await District.count()  # an id that is not one of Taunusstein's districts
    for routes, field in [
        ([{"department_id": town.bauhof}], "routes[0].district_id"),
        ([{"district_id": await wehen_id(), "area": AREA, "department_id": town.bauhof}], "routes[0].district_id"),
        (
            [{"district_id": await wehen_id(), "department_id": town.bauhof, "external": HESSEN_MOBIL}],
            "routes[0].department_id",
        ),
        ([{"district_id": other_town_district + 100, "department_id": town.bauhof}], "routes[0].district_id"),
        ([{"area": AREA, "external": {**HESSEN_MOBIL, "web": "javascript:alert(1)"}}], "routes.0.external.web"),
    ]:
        response = await client.patch(f"{ADMIN}/defect-categories/{roads}", json={"routes": routes})
        assert response.status_code == 422, response.text
        assert field in str([e["field"] for e in response.json()["errors"]]), response.json()
    assert (await client.get(f"{ADMIN}/defect-categories")).json()[0]["routes"] == []
