"""In the browser, a council member creates the results document of a consultation and downloads the PDF."""

import re
import subprocess

import pytest

from contributions.actor import actor_in
from geo.roles import Role
from proposals import services
from tests.e2e.conftest import assert_accessible, login, open_app, run
from tests.factories import person
from tests.proposals.factories import admin_of, consultation, proposal
from tests.support.moderation import post_moderated


async def consultation_with_votes(municipality) -> int:
    await post_moderated(municipality)
    admin = await admin_of(municipality)
    await person("rat@example.org", roles=(Role.COUNCIL,), municipality=municipality, name="Ratsmitglied")
    author = await person("anna@example.org", roles=(Role.RESIDENT,), municipality=municipality)
    cid = await consultation(municipality, admin, title="Radverkehrskonzept Taunusstein")
    first = await proposal(municipality, cid, author, title="Radweg nach Wehen")
    await services.vote(municipality, first, await actor_in(author, municipality.id))
    return cid


@pytest.mark.browser
def test_a_council_member_downloads_the_draft_results_document(page, live_server, taunusstein, tmp_path):
    cid = run(consultation_with_votes(taunusstein))
    login(page, live_server, "rat@example.org")
    open_app(page, live_server, f"#/m/taunusstein/consultations/{cid}", "/m/:slug/consultations/:id")
    page.get_by_role("button", name="Ergebnisbericht als PDF erstellen").click()
    link = page.get_by_role("link", name=re.compile("Ergebnisbericht herunterladen"))
    link.wait_for(timeout=60_000)
    assert page.get_by_role("status").inner_text() == "Der Bericht ist fertig."
    assert_accessible(page)
    response = page.request.get(live_server.url + link.get_attribute("href"))  # with the page's login cookies
    assert response.ok and response.headers["content-type"] == "application/pdf"
    path = tmp_path / "bericht.pdf"
    path.write_bytes(response.body())
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "ENTWURF" in text and "Radweg nach Wehen" in text and "Radverkehrskonzept Taunusstein" in text
