"""A reporter's data: in their export, erased from their reports when the account goes; the report stays."""

import pytest

from defects.tables import Follower, Report
from tests.defects.factories import file, pothole, town_with_categories
from tests.factories import PASSWORD, logged_in, person
from tests.support.moderation import post_moderated


@pytest.fixture
async def town(taunusstein):
    await post_moderated(taunusstein)
    return await town_with_categories(taunusstein)


async def test_reports_are_exported_and_survive_account_deletion_without_the_contact(client, town, mailbox):
    await person("anna@example.org")
    await logged_in(client, "anna@example.org")
    report_id = (await file(client, "taunusstein", pothole(email=None, name="Anna", phone="0170 2"))).json()["id"]
    export = (await client.get("/api/v1/me/export")).json()
    assert [r["id"] for r in export["defect_report"]] == [report_id]

    assert (await client.post("/api/v1/me/delete", json={"password": PASSWORD})).status_code == 204
    row = await Report.select().where(Report.id == report_id).first()
    assert row["author"] is None
    assert (row["reporter_email"], row["reporter_name"], row["reporter_phone"]) == ("", "", "")
    assert await Follower.count().where(Follower.email == "anna@example.org") == 0
    assert (await client.get(f"/api/v1/municipalities/taunusstein/reports/{report_id}")).status_code == 200
