"""A municipality added from the command line routes reports from minute one: the 13 standard categories and
one default department (a placeholder address the admin is asked to replace); `department-add` adds more."""

from tests.backend.test_cli import cli
from tests.defects.factories import file
from tests.factories import logged_in, person


async def test_a_report_filed_right_after_municipality_add_reaches_the_default_department(client, mailbox):
    added = cli("municipality-add", "--ags", "06434011")
    assert added.returncode == 0, added.stderr
    categories = (await client.get("/api/v1/municipalities/usingen/defect-categories")).json()
    assert len(categories) == 13 and categories[0]["code"] == "beleuchtung"
    assert {c["department"] for c in categories} == {None}  # every one goes to the default department

    await person("anna@example.org")
    await logged_in(client, "anna@example.org")
    from geo import services as geo

    territory = await geo.territory_of(await geo.get_municipality("usingen"))
    point = territory.boundary.representative_point()
    report = {
        "category": "beleuchtung",
        "lat": point.y,
        "lon": point.x,
        "description": "Laterne aus",
        "answers": {"fault": "aus"},
    }
    response = await file(client, "usingen", report)
    assert response.status_code == 201, response.text
    routed = await mailbox.wait_for("usingen@bitte-eintragen.example", f"#{response.json()['id']}")
    assert "Allgemeine Verwaltung" in routed.get_content()


async def test_department_add_adds_a_department_with_several_addresses(client, db):
    assert cli("municipality-add", "--ags", "06434011").returncode == 0
    added = cli(
        "department-add",
        "--municipality",
        "usingen",
        "--name",
        "Bauhof",
        "--email",
        "bauhof@usingen.example",
        "--email",
        "bauhof2@usingen.example",
    )
    assert added.returncode == 0, added.stderr
    bad = cli("department-add", "--municipality", "usingen", "--name", "Bauhof 2", "--email", "kein-mail")
    assert bad.returncode != 0 and "email" in bad.stderr.lower() + bad.stdout.lower()
    from defects.services.departments import list_departments
    from geo import services as geo

    usingen = await geo.get_municipality("usingen")
    departments = {d.name: d for d in await list_departments(usingen.id)}
    assert departments["Bauhof"].emails == ["bauhof@usingen.example", "bauhof2@usingen.example"]
    assert departments["Allgemeine Verwaltung"].is_default and departments["Allgemeine Verwaltung"].needs_address
