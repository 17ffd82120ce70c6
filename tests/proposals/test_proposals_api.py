"""Proposals over HTTP: pinned inside the area, edited until the first reaction, withdrawn, similar ones found."""

from geo.roles import Role
from tests.factories import INSIDE, OUTSIDE, logged_in, person, proposal_form
from tests.proposals.factories import admin_of, consultation, phase, proposal, running
from tests.support.moderation import post_moderated

M = "/api/v1/municipalities/taunusstein"


async def setup(taunusstein, **settings):
    await post_moderated(taunusstein)
    admin = await admin_of(taunusstein)
    cid = await consultation(taunusstein, admin, **settings)
    anna = await person("anna@example.org", roles=(Role.RESIDENT,), municipality=taunusstein, name="Anna")
    return cid, anna


async def test_a_resident_pins_a_proposal_and_it_is_listed_with_its_district_and_display_name(client, taunusstein):
    cid, _ = await setup(taunusstein)
    await logged_in(client, "anna@example.org")
    response = await client.post(
        f"{M}/consultations/{cid}/proposals",
        files=proposal_form(
            {
                "title": "Trinkbrunnen am Platz",
                "body": "Im Sommer wäre das schön.",
                "location": INSIDE,
                "category": "Grün und Umwelt",
            }
        ),
    )
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["author_name"] == "Anna" and created["district"]["name"]
    assert created["may_edit"] and created["following"]
    page = (await client.get(f"{M}/consultations/{cid}/proposals")).json()
    assert page["total"] == 1 and page["items"][0]["title"] == "Trinkbrunnen am Platz"
    assert "anna@example.org" not in str(page) and "anna@example.org" not in str(created)
    pins = (await client.get(f"{M}/consultations/{cid}/pins")).json()
    assert pins == [{"id": created["id"], "lat": INSIDE["lat"], "lon": INSIDE["lon"], "title": "Trinkbrunnen am Platz"}]


async def test_a_pin_outside_the_municipality_is_refused_and_nothing_is_saved(client, taunusstein):
    cid, _ = await setup(taunusstein)
    await logged_in(client, "anna@example.org")
    response = await client.post(
        f"{M}/consultations/{cid}/proposals", files=proposal_form({"title": "Anderswo", "location": OUTSIDE})
    )
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "location"
    assert (await client.get(f"{M}/consultations/{cid}/proposals")).json()["total"] == 0


async def test_a_pin_outside_the_chosen_districts_is_refused_but_a_district_choice_inside_works(client, taunusstein):
    from geo import services as geo

    territory = await geo.territory_of(taunusstein)
    home = territory.district_at(INSIDE["lon"], INSIDE["lat"])
    other = next(d for d in territory.districts if d.id != home.id)
    cid, _ = await setup(taunusstein, area_kind="districts", area_districts=[other.id])
    await logged_in(client, "anna@example.org")
    outside = await client.post(
        f"{M}/consultations/{cid}/proposals", files=proposal_form({"title": "Hier", "location": INSIDE})
    )
    assert outside.status_code == 422 and "Gebiets" in outside.json()["detail_de"]
    chosen = await client.post(
        f"{M}/consultations/{cid}/proposals", files=proposal_form({"title": "Dort", "district_id": other.id})
    )
    assert chosen.status_code == 201 and chosen.json()["district"]["id"] == other.id
    none = await client.post(f"{M}/consultations/{cid}/proposals", files=proposal_form({"title": "Ohne Ort"}))
    assert none.status_code == 201 and none.json()["location"] is None


async def test_proposing_needs_login_and_a_phase_that_allows_it(client, taunusstein):
    await post_moderated(taunusstein)
    admin = await admin_of(taunusstein)
    closed = await consultation(taunusstein, admin, phases=running(may_comment=True))
    upcoming = await consultation(taunusstein, admin, phases=[phase("Vorschläge", 2, 9, may_propose=True)])
    await person("anna@example.org", roles=(Role.RESIDENT,), municipality=taunusstein)
    body = {"title": "Ein Vorschlag"}
    assert (await client.post(f"{M}/consultations/{closed}/proposals", files=proposal_form(body))).status_code == 401
    await logged_in(client, "anna@example.org")
    for cid in (closed, upcoming):
        response = await client.post(f"{M}/consultations/{cid}/proposals", files=proposal_form(body))
        assert response.status_code == 403 and "Phase" in response.json()["detail_de"]


async def test_residents_only_consultations_refuse_people_without_the_resident_role(client, taunusstein):
    cid, _ = await setup(taunusstein, residents_only=True)
    await person("guest@example.org")
    await logged_in(client, "guest@example.org")
    response = await client.post(f"{M}/consultations/{cid}/proposals", files=proposal_form({"title": "Darf ich?"}))
    assert response.status_code == 403 and "Einwohner" in response.json()["detail_de"]
    await logged_in(client, "anna@example.org")
    assert (
        await client.post(f"{M}/consultations/{cid}/proposals", files=proposal_form({"title": "Ich darf"}))
    ).status_code == 201


async def test_the_author_edits_until_the_first_comment_then_no_more_and_others_never(client, taunusstein):
    cid, anna = await setup(taunusstein)
    pid = await proposal(taunusstein, cid, anna)
    await person("ben@example.org", roles=(Role.RESIDENT,), municipality=taunusstein)
    await logged_in(client, "ben@example.org")
    assert (await client.put(f"{M}/proposals/{pid}", json={"title": "Gekapert"})).status_code == 403
    await logged_in(client, "anna@example.org")
    edited = await client.put(f"{M}/proposals/{pid}", json={"title": "Mehr Bänke und Schatten", "location": INSIDE})
    assert edited.status_code == 200 and edited.json()["title"] == "Mehr Bänke und Schatten"
    await logged_in(client, "ben@example.org")
    assert (await client.post(f"{M}/proposals/{pid}/comments", json={"text": "Gute Idee"})).status_code == 201
    await logged_in(client, "anna@example.org")
    assert (await client.get(f"{M}/proposals/{pid}")).json()["may_edit"] is False
    late = await client.put(f"{M}/proposals/{pid}", json={"title": "Ganz anders"})
    assert late.status_code == 403
    assert (await client.get(f"{M}/proposals/{pid}")).json()["title"] == "Mehr Bänke und Schatten"


async def test_the_author_withdraws_and_the_proposal_leaves_the_list(client, taunusstein):
    cid, anna = await setup(taunusstein)
    pid = await proposal(taunusstein, cid, anna)
    await logged_in(client, "anna@example.org")
    assert (await client.post(f"{M}/proposals/{pid}/withdraw")).json()["withdrawn"] is True
    assert (await client.get(f"{M}/consultations/{cid}/proposals")).json()["total"] == 0


async def test_similar_proposals_are_found_by_title_and_by_a_pin_close_by(client, taunusstein):
    cid, anna = await setup(taunusstein)
    await proposal(taunusstein, cid, anna, "Mehr Sitzbänke am Platz", location=None)
    await proposal(taunusstein, cid, anna, "Fahrradständer", location={"lat": 50.1590, "lon": 8.1785})
    await proposal(taunusstein, cid, anna, "Etwas ganz anderes", location=None)
    by_title = (
        await client.get(f"{M}/consultations/{cid}/similar", params={"title": "mehr sitzbänke am platz!"})
    ).json()
    assert [p["title"] for p in by_title] == ["Mehr Sitzbänke am Platz"]
    nearby = (
        await client.get(f"{M}/consultations/{cid}/similar", params={"title": "Blumen", "lat": 50.1586, "lon": 8.1781})
    ).json()
    assert [p["title"] for p in nearby] == ["Fahrradständer"]


async def test_a_proposal_is_not_found_under_another_municipality(client, taunusstein):
    from geo import services as geo

    cid, anna = await setup(taunusstein)
    pid = await proposal(taunusstein, cid, anna)
    other = await geo.create_from_ags("06439001")
    assert (await client.get(f"/api/v1/municipalities/{other.slug}/proposals/{pid}")).status_code == 404
    assert (await client.get(f"{M}/proposals/{pid}")).status_code == 200
