"""Official answers: admins set a status and a text per proposal, then publish one or all; followers hear of it."""

from __future__ import annotations

from typing import Any

from contributions.actor import Actor
from geo import clock
from geo.tables import Municipality
from proposals import links, rules
from proposals.errors import NotAllowed, ProposalNotFound
from proposals.schemas import AdminProposal, AnswerIn
from proposals.services.context import consultation_at
from proposals.services.contributions import SUMMARY_COLUMNS, summary_fields
from proposals.services.notify import Notice, Post, followers_of_proposal, tell
from proposals.tables import Proposal

STATUS_TEXT = {
    "in_review": ("in Prüfung", "under review"),
    "accepted": ("angenommen", "accepted"),
    "rejected": ("abgelehnt", "rejected"),
    "implemented": ("umgesetzt", "implemented"),
}


async def _manager(municipality: Municipality, actor: Actor) -> None:
    if not rules.may_manage(actor):
        raise NotAllowed(
            "Nur die Verwaltung kann Vorschläge beantworten.", "Only the administration can answer proposals."
        )


async def _proposal_in(municipality: Municipality, proposal_id: int) -> dict[str, Any]:
    row = (
        await Proposal.select(
            Proposal.id,
            Proposal.title,
            Proposal.consultation,
            Proposal.consultation.municipality.as_alias("municipality_id"),
        )
        .where(Proposal.id == proposal_id)
        .first()
    )
    if row is None or row["municipality_id"] != municipality.id:
        raise ProposalNotFound()
    return row


async def save_answer(municipality: Municipality, proposal_id: int, actor: Actor, data: AnswerIn) -> AdminProposal:
    """Store a draft answer; the public sees it only once it is published."""
    await _manager(municipality, actor)
    await _proposal_in(municipality, proposal_id)
    await Proposal.update(
        {Proposal.answer_status: data.status, Proposal.answer_text: data.text.strip(), Proposal.answer_dirty: True}
    ).where(Proposal.id == proposal_id)
    return (await _admin_rows(municipality, Proposal.id == proposal_id))[0]


async def _publish(municipality: Municipality, rows: list[dict[str, Any]], post: Post) -> int:
    moment = clock.now()
    for row in rows:
        await Proposal.update({Proposal.answer_published_at: moment, Proposal.answer_dirty: False}).where(
            Proposal.id == row["id"]
        )
        status_de, status_en = STATUS_TEXT[row["answer_status"]]
        await tell(
            await followers_of_proposal(row["id"]),
            Notice(
                text_de=f"Die Stadt hat den Vorschlag „{row['title']}“ beantwortet: {status_de}.",
                text_en=f"The municipality has answered the proposal '{row['title']}': {status_en}.",
                link=links.proposal(post.base_url, municipality.slug, row["id"]),
            ),
            municipality=municipality,
            mailer=post.mailer,
            base_url=post.base_url,
            secret=post.secret,
            unsubscribe_kind="proposal",
            unsubscribe_target=row["id"],
        )
    return len(rows)


async def publish_answer(municipality: Municipality, proposal_id: int, actor: Actor, post: Post) -> int:
    await _manager(municipality, actor)
    await _proposal_in(municipality, proposal_id)
    async with Proposal._meta.db.transaction():
        rows = await Proposal.select(Proposal.id, Proposal.title, Proposal.answer_status).where(
            (Proposal.id == proposal_id) & (Proposal.answer_dirty == True) & Proposal.answer_status.is_not_null()  # noqa: E712
        )
        return await _publish(municipality, rows, post)


async def publish_all(municipality: Municipality, consultation_id: int, actor: Actor, post: Post) -> int:
    """Publish every saved, unpublished answer of the consultation at once."""
    await _manager(municipality, actor)
    await consultation_at(municipality, consultation_id, actor)
    async with Proposal._meta.db.transaction():
        rows = await Proposal.select(Proposal.id, Proposal.title, Proposal.answer_status).where(
            (Proposal.consultation == consultation_id)
            & (Proposal.answer_dirty == True)  # noqa: E712
            & Proposal.answer_status.is_not_null()
        )
        return await _publish(municipality, rows, post)


async def _admin_rows(municipality: Municipality, where: Any) -> list[AdminProposal]:
    rows = (
        await Proposal.select(
            *SUMMARY_COLUMNS,
            Proposal.answer_text,
            Proposal.answer_dirty,
            Proposal.consultation.support_threshold.as_alias("threshold"),
        )
        .where(where)
        .order_by(Proposal.support_count, ascending=False)
        .order_by(Proposal.id)
    )
    return [
        AdminProposal(
            **{**summary_fields(r, r["threshold"]), "answer_status": r["answer_status"]},
            answer_text=r["answer_text"],
            answer_published=r["answer_published_at"] is not None and not r["answer_dirty"],
        )
        for r in rows
    ]


async def proposals_to_answer(municipality: Municipality, consultation_id: int, actor: Actor) -> list[AdminProposal]:
    await _manager(municipality, actor)
    await consultation_at(municipality, consultation_id, actor)
    return await _admin_rows(
        municipality, (Proposal.consultation == consultation_id) & (Proposal.visibility == "public")
    )
