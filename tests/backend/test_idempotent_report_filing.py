"""A report sent again with the same Idempotency-Key (the answer was lost) is filed once and answered as before."""

import asyncio

import pytest

from defects.tables import Report
from tests.defects.factories import multipart, pothole, town_with_categories
from tests.factories import logged_in, person
from tests.support.moderation import post_moderated

REPORTS = "/api/v1/municipalities/taunusstein/reports"


@pytest.fixture
async def town(taunusstein):
    await post_moderated(taunusstein)
    return await town_with_categories(taunusstein)


async def send(client, report, key=None):
    headers = {"Idempotency-Key": key} if key else {}
    return await client.post(REPORTS, files=multipart(report), headers=headers)


async def test_a_repeat_with_the_same_key_files_nothing_and_gets_the_first_answer(client, town, mailbox):
    first = await send(client, pothole(), "3f0c2a1e-7d5b-4c1e-9a55-0b7f2d9e6a10")
    again = await send(client, pothole(), "3f0c2a1e-7d5b-4c1e-9a55-0b7f2d9e6a10")
    assert first.status_code == again.status_code == 201, again.text
    assert again.json() == first.json() and again.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert await Report.count() == 1
    await mailbox.wait_for("melder@example.org", "bestätigen")
    await asyncio.sleep(0.3)
    assert len(mailbox.to("melder@example.org")) == 1  # one confirmation link, not two


async def test_without_a_key_each_request_is_a_new_report(client, town):
    assert (await send(client, pothole())).status_code == 201
    assert (await send(client, pothole(description="Noch ein Schlagloch"))).status_code == 201
    assert await Report.count() == 2


async def test_the_same_key_with_other_content_is_refused_and_files_nothing(client, town):
    assert (await send(client, pothole(), "key-1")).status_code == 201
    other = await send(client, pothole(description="Ein ganz anderes Schlagloch"), "key-1")
    assert other.status_code == 422 and other.json()["errors"][0]["field"] == "idempotency_key"
    assert other.json()["detail_de"] and other.json()["detail_en"]
    assert await Report.count() == 1


async def test_a_refused_report_does_not_use_up_its_key(client, town):
    refused = await send(client, pothole(category="unbekannt"), "key-2")
    assert refused.status_code == 422
    assert (await send(client, pothole(), "key-2")).status_code == 201
    assert await Report.count() == 1


async def test_two_copies_sent_at_the_same_moment_file_one_report(client, town):
    answers = await asyncio.gather(*(send(client, pothole(), "key-3") for _ in range(4)))
    assert {a.status_code for a in answers} == {201}, [a.text for a in answers]
    assert len({a.json()["id"] for a in answers}) == 1
    assert await Report.count() == 1


async def test_a_key_belongs_to_the_person_who_sent_it(client, town):
    await person("anna@example.org")
    await logged_in(client, "anna@example.org")
    mine = await send(client, pothole(), "shared-key")
    await client.post("/api/v1/auth/logout")
    theirs = await send(client, pothole(), "shared-key")  # the same key and content, anonymously
    assert mine.status_code == theirs.status_code == 201
    assert mine.json()["id"] != theirs.json()["id"] and await Report.count() == 2


async def test_a_malformed_key_is_refused(client, town):
    response = await send(client, pothole(), "two words")
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "idempotency_key", response.text
    assert await Report.count() == 0
