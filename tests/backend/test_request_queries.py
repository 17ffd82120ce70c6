"""One request loads the municipality at most once and the person's roles once, whatever the guard and the handler need
(the web shell resolves them once and hands them on); the whole request costs a fixed number of queries."""

import pytest

from geo.roles import Role
from tests.defects.factories import staff_of, stored_report, town_with_categories
from tests.factories import INSIDE, logged_in, person
from tests.proposals.factories import admin_of, consultation, proposal
from tests.support.moderation import post_moderated
from tests.support.queries import reading, recorded

SLUG = "taunusstein"


async def _measure(client, url):
    with recorded() as queries:
        response = await client.get(url)
    assert response.status_code == 200, response.text
    return queries


@pytest.fixture
async def scene(taunusstein):
    await post_moderated(taunusstein)
    cid = await consultation(taunusstein, await admin_of(taunusstein))
    resident = await person("r@example.org", roles=(Role.RESIDENT,), municipality=taunusstein, name="R")
    await proposal(taunusstein, cid, resident)
    return cid


async def test_a_consultation_page_loads_the_municipality_and_the_roles_once(client, scene):
    url = f"/api/v1/municipalities/{SLUG}/consultations/{scene}"
    anonymous = await _measure(client, url)
    assert reading(anonymous, "municipality") == 1
    assert reading(anonymous, "membership") == 0
    await logged_in(client, "r@example.org")
    resident = await _measure(client, url)
    # At most once: this worker's cache (geo/versions.py) already holds it from the first request.
    assert reading(resident, "municipality") <= 1, [q[:300] for q in resident if 'FROM "municipality"' in q]
    assert reading(resident, "membership") == 1
    print(f"consultation: {len(anonymous)} queries anonymous, {len(resident)} logged in")


async def test_a_staff_queue_page_loads_the_municipality_and_the_roles_once(client, taunusstein):
    town = await town_with_categories(taunusstein)
    await staff_of(town)
    for _ in range(3):
        await stored_report(town, INSIDE["lat"], INSIDE["lon"])
    await logged_in(client, "tiefbau.staff@taunusstein.example")
    queries = await _measure(client, f"/api/v1/municipalities/{SLUG}/defect-queue")
    assert reading(queries, "municipality") == 1
    assert reading(queries, "membership") == 1
    print(f"staff queue: {len(queries)} queries")
