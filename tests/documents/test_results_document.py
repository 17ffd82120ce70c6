"""The council's results document: roles, draft mark, numbers from the database, only approved content."""

import asyncio
import subprocess

import pytest

from backend.controllers import documents as document_controller
from backend.links import SpaLinks
from contributions.actor import actor_in
from contributions.notifications import Post
from geo.roles import Role
from moderation import hook
from proposals import services
from proposals.schemas import AnswerIn, CommentCreate
from proposals.tables import Comment, Proposal, ProposalVote
from tests.factories import logged_in, person
from tests.proposals.factories import admin_of, close_voting, consultation, proposal
from tests.support.moderation import post_moderated

REJECTED_TEXT = "Meine Nummer ist 0171 2345678, ruft an"


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    pages = int(
        next(
            line.split()[-1]
            for line in subprocess.run(
                ["pdfinfo", str(path)], capture_output=True, text=True, check=True
            ).stdout.splitlines()
            if line.startswith("Pages:")
        )
    )
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(path), str(tmp_path / "page")], check=True)
    assert len(list(tmp_path.glob("page-*.png"))) == pages  # every page renders
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.replace("\u202f", " ")


@pytest.fixture
async def living_consultation(taunusstein, mailbox):
    """Three proposals, votes from three residents, comments for and against, one rejected comment, one answer."""
    await post_moderated(taunusstein)
    admin = await admin_of(taunusstein)
    await person("rat@example.org", roles=(Role.COUNCIL,), municipality=taunusstein)
    residents = [await person(f"r{i}@example.org", roles=(Role.RESIDENT,), municipality=taunusstein) for i in range(3)]
    cid = await consultation(taunusstein, admin, title="Radverkehrskonzept Taunusstein", support_threshold=2)
    first = await proposal(taunusstein, cid, residents[0], title="Radweg nach Wehen")
    second = await proposal(taunusstein, cid, residents[1], title="<b>Bänke</b> & <script>alert(1)</script>")
    await proposal(taunusstein, cid, residents[2], title="Fahrradständer am Bahnhof")
    post = Post(hook_mailer(), SpaLinks("http://stadtstimme.test"), "secret")
    admin = await actor_in(admin, taunusstein.id)
    residents = [await actor_in(resident, taunusstein.id) for resident in residents]
    for resident in residents:
        await services.vote(taunusstein, first, resident)
    await services.vote(taunusstein, second, residents[0])
    pro = await services.add_comment(
        taunusstein, first, residents[1], CommentCreate(text="Endlich sicher zur Schule!", stance="pro"), post
    )
    await services.add_comment(
        taunusstein, first, residents[2], CommentCreate(text="Zu teuer für die Stadt.", stance="contra"), post
    )
    rejected = await services.add_comment(
        taunusstein, first, residents[0], CommentCreate(text=REJECTED_TEXT, stance="pro"), post
    )
    await services.vote_comment(taunusstein, pro.id, residents[2], 1)
    await hook.listener_for("comment")(
        hook.Outcome(rejected.id, hook.Visibility.REJECTED, "personenbezogene Daten", "personal data")
    )
    await services.save_answer(taunusstein, first, admin, AnswerIn(status="accepted", text="Wird 2027 gebaut."))
    await services.publish_answer(taunusstein, first, admin, post)
    return cid


def hook_mailer():
    from backend.mail.outbox import Outbox

    return Outbox()


async def test_before_publication_only_admins_and_council_get_a_draft(client, living_consultation, tmp_path):
    url = f"/api/v1/municipalities/taunusstein/consultations/{living_consultation}/results.pdf"
    assert (await client.get(url)).status_code == 401
    await logged_in(client, "r0@example.org")
    refused = await client.get(url)
    assert refused.status_code == 403 and "noch nicht veröffentlicht" in refused.json()["detail"]
    await client.post("/api/v1/auth/logout")
    await logged_in(client, "rat@example.org")
    draft = await client.get(url)
    assert draft.status_code == 200 and draft.headers["content-type"] == "application/pdf"
    assert "ENTWURF" in pdf_text(draft.content, tmp_path)


async def test_the_published_document_shows_the_database_numbers_and_only_approved_content(
    client, living_consultation, tmp_path
):
    await close_voting(living_consultation)
    await logged_in(client, "admin@taunusstein.example")
    published = await client.post(
        f"/api/v1/municipalities/taunusstein/consultations/{living_consultation}/results/publish"
    )
    assert published.status_code == 200 and published.json()["published_at"]
    await client.post("/api/v1/auth/logout")
    response = await client.get(f"/api/v1/municipalities/taunusstein/consultations/{living_consultation}/results.pdf")
    assert response.status_code == 200
    text = pdf_text(response.content, tmp_path)
    assert "ENTWURF" not in text
    comments = await Comment.count().where(
        (Comment.visibility == "public") & (Comment.proposal.consultation == living_consultation)
    )
    votes = await ProposalVote.count().where(ProposalVote.consultation == living_consultation)
    proposals = await Proposal.count().where(Proposal.consultation == living_consultation)
    assert (proposals, comments, votes) == (3, 2, 4)
    figures = " ".join(text.split())
    assert (
        f"Vorschläge {proposals}" in figures and f"Kommentare {comments}" in figures and f"Stimmen {votes}" in figures
    )
    assert "Teilnehmende 3" in figures
    assert "3 Personen haben sich beteiligt: 3 Vorschläge, 2 Kommentare und 4 Stimmen. 1 Vorschläge" in figures
    assert "<b>Bänke</b> & <script>alert(1)</script>" in text
    assert "Endlich sicher zur Schule!" in text and "Wird 2027 gebaut." in text
    assert "0171" not in text and "ruft an" not in text  # the rejected comment never appears


async def test_an_unknown_consultation_is_404_and_a_bad_language_is_422(client, living_consultation):
    assert (await client.get("/api/v1/municipalities/taunusstein/consultations/999/results.pdf")).status_code == 404
    bad = await client.get(
        f"/api/v1/municipalities/taunusstein/consultations/{living_consultation}/results.pdf?lang=fr"
    )
    assert bad.status_code == 422


async def test_a_large_consultation_renders_in_the_background_with_visible_progress(
    client, living_consultation, tmp_path, monkeypatch
):
    monkeypatch.setattr(document_controller, "DIRECT_LIMIT", 0)
    await logged_in(client, "rat@example.org")
    response = await client.get(f"/api/v1/municipalities/taunusstein/consultations/{living_consultation}/results.pdf")
    assert response.status_code == 202
    job_url = response.headers["location"]
    for _ in range(300):  # the app's job loop renders it in a worker subprocess
        job = (await client.get(job_url)).json()
        if job["status"] in {"done", "failed"}:
            break
        assert 0 <= job["progress"] < 100
        await asyncio.sleep(0.2)
    assert job["status"] == "done" and job["pages"] >= 2 and job["progress"] == 100
    pdf = await client.get(job["download_url"])
    assert "Radweg nach Wehen" in pdf_text(pdf.content, tmp_path)
    await client.post("/api/v1/auth/logout")
    assert (await client.get(job["download_url"])).status_code == 401  # a draft stays internal


async def test_a_bad_language_is_still_a_422_naming_it_after_someone_opened_the_api_docs(client, living_consultation):
    """Building the OpenAPI schema once made Litestar add a bogus path error to every failing query parameter."""
    url = f"/api/v1/municipalities/taunusstein/consultations/{living_consultation}/results.pdf?lang=fr"
    before = await client.get(url)
    assert (await client.get("/schema")).status_code == 200
    after = await client.get(url)
    assert (before.status_code, after.status_code) == (422, 422)
    assert after.json()["errors"][0]["field"] == "lang"
