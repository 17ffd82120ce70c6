"""A council member reads the statistics dashboard (charts, each with its table, no controls to change anything);
an admin also sees the scheduled jobs and how their last run went. Accessible at 390 and 1280 pixels."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from geo.roles import Role
from tests.e2e.conftest import VIEWPORTS, assert_accessible, login, open_app, run
from tests.factories import INSIDE, person

ROUTE = "#/m/taunusstein/admin/statistics"
VIEW = "/m/:slug/admin/statistics"
COUNCIL = "rat@taunusstein.example"
ADMIN = "admin@taunusstein.example"


def reports_and_a_consultation(municipality) -> None:
    from proposals.tables import Consultation, Proposal
    from tests.defects.factories import stored_report, town_with_categories

    async def make() -> None:
        town = await town_with_categories(municipality)
        week_ago = datetime.now(UTC) - timedelta(days=7)
        for status in ("eingegangen", "in_bearbeitung", "erledigt"):
            await stored_report(town, INSIDE["lat"], INSIDE["lon"], status=status, created_at=week_ago)
        await stored_report(town, INSIDE["lat"], INSIDE["lon"], category="beleuchtung", created_at=week_ago)
        await stored_report(town, INSIDE["lat"], INSIDE["lon"], confirmed=False, created_at=week_ago - timedelta(7))
        consultation = Consultation(municipality=municipality.id, title="Neuer Marktplatz", status="published")
        await consultation.save()
        author = await person("ben@example.org", name="Ben")
        await Proposal(consultation=consultation.id, author=author, title="Bänke", visibility="public").save()

    run(make())


def the_scheduler_ran_once(smtp) -> None:
    from backend.mail.outbox import Outbox
    from backend.schedule.jobs import scheduled_jobs
    from backend.schedule.loop import Scheduler
    from tests.conftest import make_settings

    async def tick() -> None:
        scheduler = Scheduler(scheduled_jobs(make_settings(smtp), Outbox()))
        await scheduler.prepare()
        await scheduler.tick()  # the hourly purge is due at once; reminders and digests wait for the morning

    run(tick())


@pytest.mark.parametrize("size", VIEWPORTS)
def test_a_council_member_reads_charts_and_tables_and_finds_nothing_to_change(new_page, live_server, taunusstein, size):
    run(person(COUNCIL, roles=(Role.COUNCIL,), municipality=taunusstein, name="Ratsmitglied"))
    reports_and_a_consultation(taunusstein)
    page = new_page(VIEWPORTS[size])
    login(page, live_server, COUNCIL)
    open_app(page, live_server, "#/m/taunusstein/admin", "/m/:slug/admin")
    page.get_by_role("link", name="Statistik").click()
    page.wait_for_selector(f'main[data-view="{VIEW}"]:not([aria-busy])')
    section = page.locator(".admin-section")
    key_figures = section.locator(".key-figures").inner_text()
    assert "Meldungen\n4" in key_figures and "offen\n3" in key_figures  # the unconfirmed report is not counted
    charts = section.locator("svg.chart[role=img]")
    assert charts.count() == 5  # status, category, district, weekly trend, participants (nothing is overdue yet)
    for index in range(charts.count()):
        chart = charts.nth(index)
        assert chart.locator("title").text_content() and chart.locator("desc").text_content()
    assert "Erledigt: 1" in charts.first.locator("desc").text_content()  # the text alternative says the values
    tables = section.locator("table.figures")
    assert tables.count() == 5  # one per chart; for overdue reports a sentence instead of an empty table
    assert "Keine überfälligen Meldungen." in section.inner_text()
    participation = section.locator("table.figures").last.inner_text()
    assert "Neuer Marktplatz" in participation
    assert section.locator("button, input, select, textarea, form").count() == 0  # read-only
    assert page.get_by_role("heading", name="Geplante Aufgaben").count() == 0  # admins only
    csv = section.get_by_role("link", name="CSV").get_attribute("href")
    assert page.request.get(f"{live_server.url}{csv}").status == 200  # the open data link works
    assert "defect-statistics.pdf" in section.get_by_role(
        "link", name="Statistik des Mängelmelders als PDF"
    ).get_attribute("href")
    assert_accessible(page)


@pytest.mark.parametrize("size", VIEWPORTS)
def test_an_admin_sees_when_the_scheduled_jobs_ran_and_run_next(new_page, live_server, taunusstein, smtp, size):
    run(person(ADMIN, roles=(Role.ADMIN,), municipality=taunusstein, name="Stadtverwaltung"))
    the_scheduler_ran_once(smtp)
    page = new_page(VIEWPORTS[size])
    login(page, live_server, ADMIN)
    open_app(page, live_server, ROUTE, VIEW)
    jobs = page.locator("table.jobs")
    page.get_by_role("heading", name="Geplante Aufgaben").wait_for()
    rows = jobs.locator("tbody tr")
    assert rows.count() == 5  # reminders, clean-up, digests, area alerts, held moderation mails
    assert "Mails zu Moderationsentscheidungen" in jobs.inner_text()
    purge = jobs.locator("tr[data-job=purge-unconfirmed]").inner_text()
    assert "Unbestätigte Meldungen löschen" in purge and "Erfolgreich, nichts zu tun" in purge
    reminders = jobs.locator("tr[data-job=remind-overdue]").inner_text()
    assert "noch nie" in reminders and "noch kein Ergebnis" in reminders
    assert "null" not in jobs.inner_text() and "remind-overdue" not in jobs.inner_text()
    assert page.locator(".admin-section").locator("button, input, select, textarea, form").count() == 0
    assert_accessible(page)
