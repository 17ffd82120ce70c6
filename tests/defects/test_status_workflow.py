"""Staff move reports through the workflow; every change is recorded and mailed to reporter and followers."""

import pytest

from defects import workflow
from defects.workflow import Group, Status
from geo.roles import Role
from geo.services import create_from_ags
from tests.defects.factories import confirmed_report, staff_of, town_with_categories
from tests.factories import logged_in, person
from tests.support.mailbox import body_of
from tests.support.moderation import post_moderated

SLUG = "taunusstein"


@pytest.fixture
async def town(taunusstein):
    await post_moderated(taunusstein)
    return await town_with_categories(taunusstein)


def status_url(report_id: int) -> str:
    return f"/api/v1/municipalities/{SLUG}/reports/{report_id}/status"


def test_every_status_belongs_to_exactly_one_group_and_closed_ones_only_reopen():
    assert set(workflow.statuses_in(Group.OPEN)) == {"eingegangen", "in_pruefung", "in_bearbeitung"}
    assert set(workflow.statuses_in(Group.CLOSED)) == {"erledigt", "abgelehnt", "duplikat", "nicht_zustaendig"}
    assert workflow.open311_status("in_pruefung") == "open" and workflow.open311_status("duplikat") == "closed"
    for closed in workflow.CLOSED_STATUSES:
        assert all(workflow.group_of(t) == Group.OPEN for t in workflow.TRANSITIONS[closed])
    assert workflow.may_move("eingegangen", "erledigt") and not workflow.may_move("erledigt", "abgelehnt")


async def test_staff_marks_a_report_fixed_and_the_reporter_gets_a_mail_and_sees_the_history(client, town, mailbox):
    report_id = await confirmed_report(client, SLUG, mailbox)
    await staff_of(town)
    await logged_in(client, "tiefbau.staff@taunusstein.example")

    moved = await client.post(
        status_url(report_id), json={"status": "in_bearbeitung", "note": "Der Bauhof ist informiert."}
    )
    assert moved.status_code == 200, moved.text
    mail = await mailbox.wait_for("melder@example.org", "In Bearbeitung")
    assert "Der Bauhof ist informiert." in body_of(mail)

    done = await client.post(status_url(report_id), json={"status": "erledigt", "note": "Das Loch ist geflickt."})
    assert done.status_code == 200
    fixed_mail = await mailbox.wait_for("melder@example.org", "Erledigt")
    assert f"/#/m/{SLUG}/reports/{report_id}" in body_of(fixed_mail)

    await client.post("/api/v1/auth/logout")
    detail = (await client.get(f"/api/v1/municipalities/{SLUG}/reports/{report_id}")).json()
    assert [h["status"] for h in detail["history"]] == ["eingegangen", "in_bearbeitung", "erledigt"]
    assert detail["history"][-1]["note"] == "Das Loch ist geflickt."
    assert detail["history"][-1]["by"] == "Tiefbau und Verkehr"
    assert detail["status_group"] == "closed"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"status": "abgelehnt"}, "note"),
        ({"status": "nicht_zustaendig", "note": "Bitte an Hessen Mobil"}, "responsible"),
        ({"status": "duplikat"}, "duplicate_of"),
        ({"status": "duplikat", "duplicate_of": 999999}, "duplicate_of"),
        ({"status": "kaputt"}, "status"),
    ],
)
async def test_closing_needs_its_reason_original_or_responsible_office(client, town, mailbox, body, field):
    report_id = await confirmed_report(client, SLUG, mailbox)
    await staff_of(town)
    await logged_in(client, "tiefbau.staff@taunusstein.example")
    response = await client.post(status_url(report_id), json=body)
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == field
    detail = (await client.get(f"/api/v1/municipalities/{SLUG}/reports/{report_id}")).json()
    assert detail["status"] == "eingegangen" and len(detail["history"]) == 1


async def test_a_duplicate_links_the_original_and_a_forbidden_move_is_a_conflict(client, town, mailbox):
    original = await confirmed_report(client, SLUG, mailbox)
    copy = await confirmed_report(client, SLUG, mailbox, email="zweite@example.org")
    await staff_of(town)
    await logged_in(client, "tiefbau.staff@taunusstein.example")
    response = await client.post(status_url(copy), json={"status": "duplikat", "duplicate_of": original})
    assert response.status_code == 200 and response.json()["duplicate_of"] == original
    mail = await mailbox.wait_for("zweite@example.org", "Duplikat")
    assert f"/reports/{original}" in body_of(mail)
    conflict = await client.post(status_url(copy), json={"status": "erledigt"})
    assert conflict.status_code == 409 and conflict.json()["errors"][0]["field"] == "status"


async def test_not_responsible_names_who_is(client, town, mailbox):
    report_id = await confirmed_report(client, SLUG, mailbox)
    await staff_of(town)
    await logged_in(client, "tiefbau.staff@taunusstein.example")
    body = {"status": Status.NOT_RESPONSIBLE, "note": "Landesstraße", "responsible": "Hessen Mobil"}
    assert (await client.post(status_url(report_id), json=body)).status_code == 200
    mail = await mailbox.wait_for("melder@example.org", "Nicht zuständig")
    assert "Hessen Mobil" in body_of(mail)


async def test_who_may_change_a_status(client, town, mailbox):
    report_id = await confirmed_report(client, SLUG, mailbox)
    body = {"status": "in_pruefung", "note": "Wir sehen nach."}
    assert (await client.post(status_url(report_id), json=body)).status_code == 401  # anonymous

    await person("resident@example.org", roles=(Role.RESIDENT,), municipality=town.municipality)
    await logged_in(client, "resident@example.org")
    assert (await client.post(status_url(report_id), json=body)).status_code == 403  # resident
    await client.post("/api/v1/auth/logout")

    await staff_of(town, "bauhof.staff@taunusstein.example", department="bauhof")
    await logged_in(client, "bauhof.staff@taunusstein.example")
    other_department = await client.post(status_url(report_id), json=body)
    assert other_department.status_code == 403  # staff of another department
    await client.post("/api/v1/auth/logout")

    elsewhere = await create_from_ags("06439008")  # Idstein
    await person("idstein@example.org", roles=(Role.STAFF, Role.ADMIN), municipality=elsewhere)
    await logged_in(client, "idstein@example.org")
    assert (await client.post(status_url(report_id), json=body)).status_code == 403  # other municipality
    cross = await client.post(f"/api/v1/municipalities/{elsewhere.slug}/reports/{report_id}/status", json=body)
    assert cross.status_code == 404  # the report does not exist in their municipality
    await client.post("/api/v1/auth/logout")

    await person("admin@taunusstein.example", roles=(Role.ADMIN,), municipality=town.municipality)
    await logged_in(client, "admin@taunusstein.example")
    assert (await client.post(status_url(report_id), json=body)).status_code == 200  # admin of the municipality
