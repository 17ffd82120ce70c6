"""Publishing a consultation's results: only admins of the town, never while people still vote, and it can be
taken back for 24 hours (a publication made by mistake must not stay public for good)."""

from datetime import timedelta

import pytest

from backend.documents.tables import ResultsRelease
from geo import clock
from geo import services as geo
from geo.roles import Role
from tests.factories import logged_in, person
from tests.proposals.factories import admin_of, close_voting, consultation

M = "/api/v1/municipalities/taunusstein"


@pytest.fixture
async def cid(taunusstein):
    cid = await consultation(taunusstein, await admin_of(taunusstein))
    for role in (Role.RESIDENT, Role.STAFF, Role.MODERATOR, Role.COUNCIL):
        await person(f"{role.value}@example.org", roles=(role,), municipality=taunusstein)
    other = await geo.create_from_ags("06439001")
    await person("other-admin@example.org", roles=(Role.ADMIN,), municipality=other)
    OTHER.append(other.slug)
    return cid


OTHER: list[str] = []  # the other town's address, set by the fixture


async def released(cid: int) -> bool:
    return await ResultsRelease.exists().where(ResultsRelease.consultation == cid)


async def test_publishing_is_refused_while_people_still_vote(client, cid):
    await logged_in(client, "admin@taunusstein.example")
    state = (await client.get(f"{M}/consultations/{cid}/results")).json()
    assert state["published_at"] is None and state["voting_open_until"]  # the page can say so before anyone tries
    refused = await client.post(f"{M}/consultations/{cid}/results/publish")
    assert refused.status_code == 409
    problem = refused.json()
    assert problem["type"].endswith("/voting-still-open")
    assert "Die Abstimmung läuft noch" in problem["detail_de"] and "Voting is still open" in problem["detail_en"]
    assert problem["errors"][0]["field"] == "consultation_id"
    assert not await released(cid)  # nothing changed


async def test_after_voting_an_admin_publishes_and_can_take_it_back_for_a_while(client, cid):
    await close_voting(cid)
    await logged_in(client, "admin@taunusstein.example")
    published = await client.post(f"{M}/consultations/{cid}/results/publish")
    assert published.status_code == 200
    state = published.json()
    assert state["published_at"] and state["undo_until"] and state["voting_open_until"] is None
    assert await released(cid)

    undone = await client.post(f"{M}/consultations/{cid}/results/withdraw")
    assert undone.status_code == 200 and undone.json()["published_at"] is None
    assert not await released(cid)
    await client.post("/api/v1/auth/logout")
    assert (await client.get(f"{M}/consultations/{cid}/results.pdf")).status_code == 401  # a draft again

    again = await client.post(f"{M}/consultations/{cid}/results/withdraw")
    assert again.status_code == 401


async def test_taking_back_is_refused_after_24_hours_and_when_nothing_is_published(client, cid):
    await close_voting(cid)
    await logged_in(client, "admin@taunusstein.example")
    nothing = await client.post(f"{M}/consultations/{cid}/results/withdraw")
    assert nothing.status_code == 409 and nothing.json()["type"].endswith("/results-not-published")
    await client.post(f"{M}/consultations/{cid}/results/publish")
    await ResultsRelease.update({ResultsRelease.published_at: clock.now() - timedelta(hours=25)}).where(
        ResultsRelease.consultation == cid
    )
    late = await client.post(f"{M}/consultations/{cid}/results/withdraw")
    assert late.status_code == 409
    assert "24 Stunden" in late.json()["detail_de"] and "24 hours" in late.json()["detail_en"]
    assert await released(cid)


@pytest.mark.parametrize("who", [None, "resident", "staff", "moderator", "council", "other-admin"])
@pytest.mark.parametrize("action", ["publish", "withdraw"])
async def test_nobody_but_the_towns_admins_publishes_or_takes_back(client, cid, who, action):
    await close_voting(cid)
    if action == "withdraw":
        await logged_in(client, "admin@taunusstein.example")
        assert (await client.post(f"{M}/consultations/{cid}/results/publish")).status_code == 200
        await client.post("/api/v1/auth/logout")
    if who:
        await logged_in(client, f"{who}@example.org")
    response = await client.post(f"{M}/consultations/{cid}/results/{action}")
    assert response.status_code == (401 if who is None else 403)
    assert await released(cid) is (action == "withdraw")  # unchanged


async def test_another_towns_address_does_not_reach_this_consultation(client, cid):
    await close_voting(cid)
    await logged_in(client, "other-admin@example.org")
    foreign = OTHER[-1]
    response = await client.post(f"/api/v1/municipalities/{foreign}/consultations/{cid}/results/publish")
    assert response.status_code == 404
    assert not await released(cid)
