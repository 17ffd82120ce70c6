"""The demo shows a living platform: a running consultation with pinned proposals, threads, votes and an answer,
and a finished one with its results."""

from backend.demo import load_demo
from contributions.actor import ANONYMOUS
from proposals import services
from proposals.tables import Comment, ProposalVote


async def test_the_demo_has_a_running_consultation_full_of_life_and_a_finished_one(db):
    context = await load_demo(hashing="fast-insecure")
    assert context is not None
    municipality = context.municipality
    running = await services.list_consultations(municipality, ANONYMOUS, "running")
    finished = await services.list_consultations(municipality, ANONYMOUS, "finished")
    assert [c.title for c in running] == ["Neugestaltung Platz der Deutschen Einheit"]
    assert [c.title for c in finished] == ["Bürgerhaushalt 2026"]
    consultation = await services.get_consultation(municipality, running[0].id, ANONYMOUS)
    assert consultation.current_phase == "Diskussion und Abstimmung" and consultation.proposal_count == 15
    page = await services.list_proposals(municipality, consultation.id, ANONYMOUS, sort="most_supported")
    assert len({p.district.name for p in page.items if p.district}) >= 8  # spread over the districts
    assert page.items[0].support_count > page.items[-1].support_count
    assert any(p.successful for p in page.items) and any(p.answer_status for p in page.items)
    assert await Comment.count().where(Comment.parent.is_not_null()) > 0
    assert await ProposalVote.count().where(ProposalVote.consultation == consultation.id) > 20
    results = await services.list_proposals(municipality, finished[0].id, ANONYMOUS, sort="most_supported")
    assert all(p.answer_status for p in results.items)
