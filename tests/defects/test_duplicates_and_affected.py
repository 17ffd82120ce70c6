"""Nearby open reports of the same category are offered while reporting; 'betrifft mich auch' counts a person."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.defects.factories import confirmed_report, stored_report, town_with_categories
from tests.factories import INSIDE, logged_in, person
from tests.support.mailbox import body_of
from tests.support.moderation import post_moderated

SLUG = "taunusstein"
NEARBY = f"/api/v1/municipalities/{SLUG}/reports/nearby"
LAT, LON = INSIDE["lat"], INSIDE["lon"]


@pytest.fixture
async def town(taunusstein):
    await post_moderated(taunusstein)
    return await town_with_categories(taunusstein)


async def test_only_open_recent_reports_of_the_category_within_its_radius_are_offered(client, town):
    close = await stored_report(town, LAT + 0.0002, LON)  # about 22 m north
    await stored_report(town, LAT + 0.001, LON)  # about 111 m: outside the default 50 m
    await stored_report(town, LAT, LON + 0.0001, category="beleuchtung")  # other category
    await stored_report(town, LAT, LON, status="erledigt")  # closed
    await stored_report(town, LAT, LON, created_at=datetime.now(UTC) - timedelta(days=120))  # too old
    await stored_report(town, LAT, LON, visibility="hidden")  # not public
    found = (await client.get(NEARBY, params={"category": "strassen", "lat": LAT, "lon": LON})).json()
    assert [n["id"] for n in found] == [close]
    assert 15 <= found[0]["distance_m"] <= 30


async def test_betrifft_mich_auch_counts_publicly_once_per_person_and_follows_the_report(client, town, mailbox):
    report_id = await confirmed_report(client, SLUG, mailbox)
    url = f"/api/v1/municipalities/{SLUG}/reports/{report_id}/affected"
    assert (await client.post(url)).status_code == 401  # anonymous

    await person("ben@example.org")
    await logged_in(client, "ben@example.org")
    first = await client.post(url)
    assert first.status_code == 200 and first.json()["affected_count"] == 1
    again = await client.post(url)
    assert again.status_code == 409
    await client.post("/api/v1/auth/logout")
    detail = (await client.get(f"/api/v1/municipalities/{SLUG}/reports/{report_id}")).json()
    assert detail["affected_count"] == 1 and "ben@example.org" not in str(detail)

    from tests.defects.factories import staff_of

    await staff_of(town)
    await logged_in(client, "tiefbau.staff@taunusstein.example")
    await client.post(
        f"/api/v1/municipalities/{SLUG}/reports/{report_id}/status", json={"status": "erledigt", "note": "Repariert."}
    )
    mail = await mailbox.wait_for("ben@example.org", "Erledigt")
    assert "Repariert." in body_of(mail)


async def test_a_closed_or_invisible_report_cannot_be_marked_affected(client, town):
    closed = await stored_report(town, LAT, LON, status="erledigt")
    hidden = await stored_report(town, LAT, LON, visibility="hidden")
    await person("ben@example.org")
    await logged_in(client, "ben@example.org")
    assert (await client.post(f"/api/v1/municipalities/{SLUG}/reports/{closed}/affected")).status_code == 409
    assert (await client.post(f"/api/v1/municipalities/{SLUG}/reports/{hidden}/affected")).status_code == 404
