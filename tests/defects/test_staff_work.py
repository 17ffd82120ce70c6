"""Staff work: filing on someone's behalf (so analog wie nötig), the department queue, reminders."""

from datetime import UTC, datetime, timedelta

import pytest

from backend.mail.outbox import Outbox
from defects.services.reminders import remind_overdue
from defects.tables import Report
from geo.roles import Role
from geo.services import create_from_ags
from tests.defects.factories import multipart, pothole, staff_of, stored_report, town_with_categories
from tests.factories import INSIDE, logged_in, person
from tests.support.mailbox import body_of
from tests.support.moderation import post_moderated

SLUG = "taunusstein"
ON_BEHALF = f"/api/v1/municipalities/{SLUG}/reports/on-behalf"
QUEUE = f"/api/v1/municipalities/{SLUG}/defect-queue"


@pytest.fixture
async def town(taunusstein):
    await post_moderated(taunusstein)
    return await town_with_categories(taunusstein)


async def test_staff_file_a_phoned_in_report_which_counts_at_once_and_mails_the_caller_on_changes(
    client, town, mailbox
):
    await staff_of(town)
    await logged_in(client, "tiefbau.staff@taunusstein.example")
    call = pothole(channel="phone", email="anrufer@example.org", name="Herr Alt", phone="06128 999")
    response = await client.post(ON_BEHALF, files=multipart(call))
    assert response.status_code == 201, response.text
    report_id = response.json()["id"]
    assert mailbox.to("anrufer@example.org") == []  # no confirmation round for a phoned-in report
    await mailbox.wait_for("tiefbau@taunusstein.example", f"#{report_id}")

    detail = (await client.get(f"/api/v1/municipalities/{SLUG}/reports/{report_id}")).json()
    assert detail["contact"]["channel"] == "phone" and detail["contact"]["phone"] == "06128 999"
    row = await Report.select(Report.author, Report.filed_by).where(Report.id == report_id).first()
    assert row["author"] is None and row["filed_by"] is not None

    await client.post(f"/api/v1/municipalities/{SLUG}/reports/{report_id}/status", json={"status": "in_pruefung"})
    assert await mailbox.wait_for("anrufer@example.org", "In Prüfung")

    await client.post("/api/v1/auth/logout")
    public = (await client.get(f"/api/v1/municipalities/{SLUG}/reports/{report_id}")).json()
    assert public["contact"] is None and "Herr Alt" not in str(public)


async def test_a_letter_without_an_address_is_filed_too(client, town, mailbox):
    await staff_of(town)
    await logged_in(client, "tiefbau.staff@taunusstein.example")
    response = await client.post(ON_BEHALF, files=multipart(pothole(channel="letter", email=None, name="Frau Brief")))
    assert response.status_code == 201, response.text


async def test_only_staff_of_the_municipality_file_on_behalf(client, town):
    letter = multipart(pothole(channel="letter"))
    assert (await client.post(ON_BEHALF, files=letter)).status_code == 401
    await person("resident@example.org", roles=(Role.RESIDENT,), municipality=town.municipality)
    await logged_in(client, "resident@example.org")
    assert (await client.post(ON_BEHALF, files=letter)).status_code == 403
    await client.post("/api/v1/auth/logout")
    elsewhere = await create_from_ags("06439008")
    await person("idstein@example.org", roles=(Role.STAFF,), municipality=elsewhere)
    await logged_in(client, "idstein@example.org")
    assert (await client.post(ON_BEHALF, files=letter)).status_code == 403
    assert await Report.count() == 0


async def test_the_queue_shows_each_department_its_own_reports_and_marks_overdue_ones(client, town):
    old = datetime.now(UTC) - timedelta(days=30)
    pothole_id = await stored_report(town, INSIDE["lat"], INSIDE["lon"], created_at=old)
    light_id = await stored_report(town, INSIDE["lat"], INSIDE["lon"], category="beleuchtung")
    await stored_report(town, INSIDE["lat"], INSIDE["lon"], status="erledigt")
    assert (await client.get(QUEUE)).status_code == 401
    await staff_of(town)
    await logged_in(client, "tiefbau.staff@taunusstein.example")
    queue = (await client.get(QUEUE)).json()
    assert [(q["id"], q["overdue"]) for q in queue["items"]] == [(pothole_id, True)]
    assert queue["next_cursor"] is None
    await client.post("/api/v1/auth/logout")
    await staff_of(town, "bauhof.staff@taunusstein.example", department="bauhof")
    await logged_in(client, "bauhof.staff@taunusstein.example")
    assert [q["id"] for q in (await client.get(QUEUE)).json()["items"]] == [light_id]
    closed = (await client.get(QUEUE, params={"status_group": "closed"})).json()
    assert closed["items"] == []
    await client.post("/api/v1/auth/logout")
    await person("resident@example.org", roles=(Role.RESIDENT,), municipality=town.municipality)
    await logged_in(client, "resident@example.org")
    assert (await client.get(QUEUE)).status_code == 403


async def test_departments_are_reminded_once_per_period_of_reports_left_open(client, town, mailbox):
    old = datetime.now(UTC) - timedelta(days=20)
    stale = await stored_report(town, INSIDE["lat"], INSIDE["lon"], created_at=old)
    await stored_report(town, INSIDE["lat"], INSIDE["lon"])  # fresh
    await stored_report(town, INSIDE["lat"], INSIDE["lon"], status="erledigt", created_at=old)  # closed
    outbox = Outbox()
    assert (
        await remind_overdue(mailer=outbox, base_url="http://stadtstimme.test", overdue_after=timedelta(days=14)) == 1
    )
    mail = await mailbox.wait_for("tiefbau@taunusstein.example", "Erinnerung")
    assert f"#{stale}" in body_of(mail) and f"/reports/{stale}" in body_of(mail)
    # Reminded now: not again tomorrow, but again after another period.
    again = await remind_overdue(mailer=outbox, base_url="http://x", overdue_after=timedelta(days=14))
    assert again == 0
    later = datetime.now(UTC) + timedelta(days=15)
    assert await remind_overdue(mailer=outbox, base_url="http://x", overdue_after=timedelta(days=14), now=later) == 2


async def test_the_cli_command_sends_the_reminders(town, mailbox, smtp, monkeypatch):
    from backend import cli
    from backend.settings import get_settings

    await stored_report(town, INSIDE["lat"], INSIDE["lon"], created_at=datetime.now(UTC) - timedelta(days=20))
    monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SMTP_PORT", str(smtp.port))
    monkeypatch.setenv("DEFECT_REMINDER_DAYS", "7")
    get_settings.cache_clear()
    try:
        assert await cli.remind_overdue() == 1
    finally:
        get_settings.cache_clear()
    assert await mailbox.wait_for("tiefbau@taunusstein.example", "Erinnerung")


async def test_a_long_queue_is_paged_to_the_end_and_nothing_is_cut_off(client, town):
    start = datetime.now(UTC) - timedelta(days=10)
    ids = [
        await stored_report(town, INSIDE["lat"], INSIDE["lon"], created_at=start + timedelta(hours=i // 2))
        for i in range(7)  # pairs share a moment: the id breaks the tie
    ]
    await staff_of(town)
    await logged_in(client, "tiefbau.staff@taunusstein.example")
    seen, cursor = [], None
    while True:
        page = (await client.get(QUEUE, params={"limit": 3, **({"cursor": cursor} if cursor else {})})).json()
        assert len(page["items"]) <= 3
        seen += [q["id"] for q in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == ids  # oldest first, each once


@pytest.mark.parametrize("params", [{"cursor": "kaputt"}, {"cursor": "WzEsMl0"}, {"limit": 0}, {"limit": 101}])
async def test_a_broken_cursor_or_limit_is_a_problem_naming_the_field(client, town, params):
    await staff_of(town)
    await logged_in(client, "tiefbau.staff@taunusstein.example")
    response = await client.get(QUEUE, params=params)
    assert response.status_code == 422, response.text
    assert [e["field"] for e in response.json()["errors"]] == list(params)
