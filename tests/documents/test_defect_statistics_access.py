"""Who may have which Mängelmelder statistics, and how often a new one is rendered.

Whole past months, quarters and years are public, rendered once and reused; any other period is for the
municipality's staff, admins and council; new renders are budgeted (429 with Retry-After), and while a worker
renders one document a further new one waits for the background job loop (202 with a job to poll).
"""

import asyncio
from datetime import UTC, date, datetime, timedelta

import pytest

from backend.documents import budget, runner
from backend.documents.tables import DocumentJob
from geo.roles import Role
from tests.defects.factories import stored_report, town_with_categories
from tests.factories import INSIDE, logged_in, person

URL = "/api/v1/municipalities/taunusstein/defect-statistics.pdf"


def last_month(today: date) -> tuple[date, date]:
    end = today.replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


def last_quarter(today: date) -> tuple[date, date]:
    first_of_this = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    end = first_of_this - timedelta(days=1)
    return date(end.year, end.month - 2, 1), end


def last_year(today: date) -> tuple[date, date]:
    return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)


def span(period: tuple[date, date]) -> dict[str, str]:
    return {"from": period[0].isoformat(), "to": period[1].isoformat()}


TODAY = datetime.now(UTC).date()
LAST_30_DAYS = (TODAY - timedelta(days=30), TODAY)


@pytest.fixture
async def town(taunusstein):
    town = await town_with_categories(taunusstein)
    long_ago = datetime.now(UTC) - timedelta(days=400)  # the municipality's data begins over a year ago
    await stored_report(town, INSIDE["lat"], INSIDE["lon"], created_at=long_ago)
    for role in (Role.STAFF, Role.ADMIN, Role.COUNCIL, Role.MODERATOR, Role.RESIDENT):
        await person(f"{role.value}@taunusstein.example", roles=(role,), municipality=taunusstein)
    return town


@pytest.mark.parametrize("period", [last_month(TODAY), last_quarter(TODAY), last_year(TODAY)])
async def test_a_whole_past_month_quarter_or_year_is_public_and_rendered_only_once(client, town, period):
    first = await client.get(URL, params=span(period))
    again = await client.get(URL, params=span(period))
    assert first.status_code == again.status_code == 200
    assert first.headers["content-type"] == "application/pdf" and first.content == again.content
    assert await DocumentJob.count() == 1


@pytest.mark.parametrize(
    "period",
    [
        LAST_30_DAYS,  # not a calendar unit
        (TODAY.replace(day=1), TODAY),  # this month, still running
        (date(2001, 1, 1), date(2001, 12, 31)),  # a whole year, but long before the municipality's data
        (date(TODAY.year - 1, 2, 1), date(TODAY.year - 1, 4, 30)),  # three months, not a quarter
    ],
)
@pytest.mark.parametrize("email", [None, "resident@taunusstein.example", "moderator@taunusstein.example"])
async def test_other_periods_are_refused_to_the_public_residents_and_moderators(client, town, period, email):
    if email:
        await logged_in(client, email)
    response = await client.get(URL, params=span(period))
    assert response.status_code == 403 and response.json()["errors"][0]["field"] == "from"
    assert await DocumentJob.count() == 0


@pytest.mark.parametrize(
    "email", ["staff@taunusstein.example", "admin@taunusstein.example", "council@taunusstein.example"]
)
async def test_staff_admins_and_council_members_render_any_period(client, town, email):
    await logged_in(client, email)
    response = await client.get(URL, params=span(LAST_30_DAYS))
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"


async def test_new_public_renders_are_budgeted_per_municipality_but_finished_ones_are_always_served(
    client, town, monkeypatch
):
    monkeypatch.setattr(budget, "PUBLIC_RENDERS", 2)
    assert (await client.get(URL, params=span(last_month(TODAY)))).status_code == 200
    assert (await client.get(URL, params=span(last_quarter(TODAY)))).status_code == 200
    refused = await client.get(URL, params=span(last_year(TODAY)))
    assert refused.status_code == 429 and 1 <= int(refused.headers["retry-after"]) <= 601
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert (await client.get(URL, params=span(last_month(TODAY)))).status_code == 200  # reused, not rendered
    assert await DocumentJob.count() == 2


async def test_new_renders_of_staff_periods_are_budgeted_per_account(client, town, monkeypatch):
    monkeypatch.setattr(budget, "PERSONAL_RENDERS", 1)
    await logged_in(client, "staff@taunusstein.example")
    assert (await client.get(URL, params=span(LAST_30_DAYS))).status_code == 200
    assert (await client.get(URL, params=span(LAST_30_DAYS))).status_code == 200  # the same file again
    other = (TODAY - timedelta(days=60), TODAY - timedelta(days=1))
    assert (await client.get(URL, params=span(other))).status_code == 429
    await client.post("/api/v1/auth/logout")
    await logged_in(client, "admin@taunusstein.example")
    assert (await client.get(URL, params=span(other))).status_code == 200


async def test_while_a_worker_renders_a_further_new_document_is_left_to_the_background_job_loop(
    client, town, monkeypatch
):
    monkeypatch.setattr(runner, "_rendering", runner.IN_REQUEST_RENDERS)  # this worker is busy rendering
    response = await client.get(URL, params=span(last_month(TODAY)))
    assert response.status_code == 202 and response.headers["location"].endswith(
        f"/document-jobs/{response.json()['id']}"
    )
    for _ in range(600):
        job = (await client.get(response.headers["location"])).json()
        if job["status"] in ("done", "failed"):
            break
        await asyncio.sleep(0.1)
    assert job["status"] == "done", job
    assert (await client.get(job["download_url"])).headers["content-type"] == "application/pdf"
