"""In the browser: a finished consultation shows its result on the page; a draft says it is a draft."""

from datetime import UTC, datetime, timedelta

import pytest

from backend.documents import access
from contributions.actor import actor_in
from geo.roles import Role
from proposals import services
from proposals.tables import Phase
from proposals.tables import Proposal as ProposalRow
from tests.e2e.conftest import assert_accessible, login, open_app, run
from tests.factories import person
from tests.proposals.factories import admin_of, consultation, proposal
from tests.support.moderation import post_moderated


async def finished_consultation(municipality) -> int:
    await post_moderated(municipality)
    admin = await admin_of(municipality)
    cid = await consultation(municipality, admin, title="Spielplätze in Taunusstein")
    voters = [
        await person(f"wähler{i}@example.org", roles=(Role.RESIDENT,), municipality=municipality) for i in range(3)
    ]
    few = await proposal(municipality, cid, voters[0], title="Neue Schaukel in Wehen")
    many = await proposal(municipality, cid, voters[1], title="Wasserspielplatz in Hahn")
    for voter in voters:
        await services.vote(municipality, many, await actor_in(voter, municipality.id))
    await services.vote(municipality, few, await actor_in(voters[2], municipality.id))
    now = datetime.now(UTC)
    await ProposalRow.update(
        {
            ProposalRow.answer_status: "accepted",
            ProposalRow.answer_text: "Wir bauen ihn 2027.",
            ProposalRow.answer_published_at: now,
        }
    ).where(ProposalRow.id == many)
    # The consultation is over: every phase lies in the past.
    for index, row in enumerate(await Phase.select(Phase.id).where(Phase.consultation == cid).order_by(Phase.id)):
        start = now - timedelta(days=60 - 15 * index)
        await Phase.update({Phase.starts_at: start, Phase.ends_at: start + timedelta(days=14)}).where(
            Phase.id == row["id"]
        )
    await access.release(municipality.id, cid, admin)
    return cid


@pytest.mark.browser
def test_a_finished_consultation_shows_ranking_answers_and_pdf_without_login_prompt(page, live_server, taunusstein):
    cid = run(finished_consultation(taunusstein))
    open_app(page, live_server, f"#/m/taunusstein/consultations/{cid}", "/m/:slug/consultations/:id")
    ranking = page.locator("#outcome-ranking > li")
    ranking.first.wait_for()
    assert ranking.count() == 2
    first, second = ranking.nth(0).inner_text(), ranking.nth(1).inner_text()
    assert "Platz 1" in first and "Wasserspielplatz in Hahn" in first and "3 Unterstützungen" in first
    assert "angenommen" in first and "Wir bauen ihn 2027." in first
    assert "Platz 2" in second and "Neue Schaukel in Wehen" in second and "Noch keine Antwort" in second
    pdf = page.get_by_role("link", name="Ergebnisbericht als PDF herunterladen")
    assert pdf.get_attribute("href").endswith(f"/consultations/{cid}/results.pdf")
    assert "mitzumachen" not in page.locator("main").inner_text()
    assert "abgeschlossen" in page.locator(".participation").inner_text()
    assert_accessible(page)


@pytest.mark.browser
def test_a_draft_consultation_says_so_to_admins_and_stays_hidden_from_residents(page, live_server, taunusstein):
    async def draft() -> int:
        admin = await admin_of(taunusstein)
        await person("anna@example.org", roles=(Role.RESIDENT,), municipality=taunusstein)
        return await consultation(taunusstein, admin, title="Entwurf Parkraumkonzept", status="draft")

    cid = run(draft())
    login(page, live_server, "admin@taunusstein.example")
    open_app(page, live_server, f"#/m/taunusstein/consultations/{cid}", "/m/:slug/consultations/:id")
    banner = page.locator("#draft-banner")
    banner.wait_for()
    assert "Entwurf" in banner.inner_text() and "noch nicht veröffentlicht" in banner.inner_text()
    assert_accessible(page)
    response = page.request.get(f"{live_server.url}/api/v1/municipalities/taunusstein/consultations/{cid}")
    assert response.ok
    resident = page.context.browser.new_context()
    try:
        answer = resident.request.get(f"{live_server.url}/api/v1/municipalities/taunusstein/consultations/{cid}")
        assert answer.status == 404
    finally:
        resident.close()
