"""Use cases of consultations: create and change them with their phases, list and show them."""

from __future__ import annotations

import asyncio
import itertools
import json
from datetime import datetime
from typing import Any

from piccolo.query.base import Query
from piccolo.query.functions.aggregate import Count

from contributions import following as follows
from contributions.actor import Actor
from contributions.following import CONSULTATION, Target
from geo import clock, markdown
from geo import services as geo
from geo.frozen import frozen
from geo.tables import Municipality
from media.photos import PhotoStore
from proposals import area, rules
from proposals.errors import InvalidInput, NotAllowed
from proposals.schemas import (
    Consultation,
    ConsultationCreate,
    ConsultationSummary,
    MyParticipation,
    Phase,
    TextPreview,
)
from proposals.services.context import ConsultationAt, aware, consultation_at, phases_of
from proposals.tables import Consultation as ConsultationRow
from proposals.tables import Phase as PhaseRow
from proposals.tables import Proposal, VoteBudget

DEFAULT_CATEGORIES = ["Verkehr", "Grün und Umwelt", "Spiel und Freizeit", "Soziales und Kultur", "Sonstiges"]
PUBLIC_PROPOSAL = (Proposal.visibility == "public") & (Proposal.withdrawn == False)  # noqa: E712


def _forbid_unless_manager(actor: Actor) -> None:
    if not rules.may_manage(actor):
        raise NotAllowed(
            "Nur die Verwaltung kann Beteiligungsverfahren anlegen und ändern.",
            "Only the administration can create and change consultations.",
        )


async def _checked_fields(municipality: Municipality, data: ConsultationCreate) -> dict[Any, Any]:
    territory = await geo.territory_of(municipality)
    polygon = None
    if data.area_kind == "polygon":
        polygon = area.validate_polygon(data.area_polygon, territory)
    districts: list[int] = []
    if data.area_kind == "districts":
        known = {d.id for d in territory.districts}
        districts = sorted(set(data.area_districts))
        if not districts or not set(districts) <= known:
            raise InvalidInput(
                "Bitte wählen Sie Stadtteile dieser Kommune.",
                "Please choose districts of this municipality.",
                field="area_districts",
            )
    phases = sorted(data.phases, key=lambda p: p.starts_at)
    for before, after in itertools.pairwise(phases):
        if after.starts_at < before.ends_at:
            raise InvalidInput(
                f"Die Phasen „{before.name_de}“ und „{after.name_de}“ überschneiden sich.",
                f"The phases '{before.name_de}' and '{after.name_de}' overlap.",
                field="phases",
            )
    return {
        ConsultationRow.title: data.title.strip(),
        ConsultationRow.summary: data.summary.strip(),
        ConsultationRow.body: data.body.strip(),
        ConsultationRow.body_html: markdown.to_html(data.body),
        ConsultationRow.area_kind: data.area_kind,
        ConsultationRow.area_districts: json.dumps(districts),
        ConsultationRow.area_polygon: polygon,
        ConsultationRow.contact_name: data.contact_name.strip(),
        ConsultationRow.contact_info: data.contact_info.strip(),
        ConsultationRow.status: data.status,
        ConsultationRow.voting_mode: data.voting_mode,
        ConsultationRow.vote_limit: data.vote_limit,
        ConsultationRow.support_threshold: data.support_threshold,
        ConsultationRow.residents_only: data.residents_only,
    }


async def _write_phases(consultation_id: int, data: ConsultationCreate, *, creating: bool = False) -> None:
    """Replace the phases; a phase kept under the same name and start keeps its 'announced' mark.

    A new consultation has no followers yet, so phases that began before it was created count as announced."""
    now = clock.now()
    old = await PhaseRow.select(PhaseRow.name_de, PhaseRow.starts_at, PhaseRow.announced).where(
        PhaseRow.consultation == consultation_id
    )
    announced = {(p["name_de"], aware(p["starts_at"])) for p in old if p["announced"]}
    await PhaseRow.delete().where(PhaseRow.consultation == consultation_id)
    rows = [
        PhaseRow(
            consultation=consultation_id,
            position=index,
            name_de=p.name_de.strip(),
            name_en=p.name_en.strip(),
            description=p.description.strip(),
            starts_at=p.starts_at,
            ends_at=p.ends_at,
            may_propose=p.may_propose,
            may_comment=p.may_comment,
            may_vote=p.may_vote,
            announced=(p.name_de.strip(), p.starts_at) in announced or (creating and p.starts_at <= now),
        )
        for index, p in enumerate(sorted(data.phases, key=lambda p: p.starts_at))
    ]
    if rows:
        await PhaseRow.insert(*rows)


def preview_text(actor: Actor, text: str) -> TextPreview:
    """What a consultation text will look like, rendered by the same code that renders it on saving."""
    _forbid_unless_manager(actor)
    return TextPreview(html=markdown.to_html(text))


async def create_consultation(
    municipality: Municipality, actor: Actor, data: ConsultationCreate, now: datetime | None = None
) -> Consultation:
    _forbid_unless_manager(actor)
    fields = await _checked_fields(municipality, data)
    async with ConsultationRow._meta.db.transaction():
        row = ConsultationRow({**fields, ConsultationRow.municipality: municipality.id})
        await row.save()
        await _write_phases(row.id, data, creating=True)
    return await get_consultation(municipality, row.id, actor, now)


async def update_consultation(
    municipality: Municipality, consultation_id: int, actor: Actor, data: ConsultationCreate
) -> Consultation:
    _forbid_unless_manager(actor)
    await consultation_at(municipality, consultation_id, actor)
    fields = await _checked_fields(municipality, data)
    async with ConsultationRow._meta.db.transaction():
        await ConsultationRow.update(fields).where(ConsultationRow.id == consultation_id)
        await _write_phases(consultation_id, data)
    return await get_consultation(municipality, consultation_id, actor)


async def set_cover(
    municipality: Municipality, consultation_id: int, actor: Actor, data: bytes, store: PhotoStore
) -> Consultation:
    _forbid_unless_manager(actor)
    await consultation_at(municipality, consultation_id, actor)
    stored = await asyncio.to_thread(store.ingest, data, "cover")  # Pillow decodes for up to seconds: off the loop
    await ConsultationRow.update({ConsultationRow.cover_image_key: stored.key}).where(
        ConsultationRow.id == consultation_id
    )
    return await get_consultation(municipality, consultation_id, actor)


async def cover_key(municipality: Municipality, consultation_id: int, actor: Actor) -> str | None:
    consultation = await consultation_at(municipality, consultation_id, actor)
    return consultation.row["cover_image_key"]


def _phase_out(phase: dict[str, Any], current: dict[str, Any] | None) -> Phase:
    return Phase(
        id=phase["id"],
        name_de=phase["name_de"],
        name_en=phase["name_en"],
        description=phase["description"],
        starts_at=phase["starts_at"],
        ends_at=phase["ends_at"],
        may_propose=phase["may_propose"],
        may_comment=phase["may_comment"],
        may_vote=phase["may_vote"],
        current=current is not None and phase["id"] == current["id"],
    )


def _summary(consultation: ConsultationAt, proposal_count: int) -> dict[str, Any]:
    row = consultation.row
    return {
        "id": row["id"],
        "title": row["title"],
        "summary": row["summary"],
        "status": row["status"],
        "timing": consultation.timing,
        "starts_at": consultation.phases[0]["starts_at"] if consultation.phases else None,
        "ends_at": consultation.phases[-1]["ends_at"] if consultation.phases else None,
        "current_phase": consultation.current["name_de"] if consultation.current else None,
        "current_phase_en": consultation.current["name_en"] if consultation.current else None,
        "current_phase_ends_at": consultation.current["ends_at"] if consultation.current else None,
        "proposal_count": proposal_count,
        "has_cover": bool(row["cover_image_key"]),
    }


async def proposal_counts(consultation_ids: list[int]) -> dict[int, int]:
    if not consultation_ids:
        return {}
    rows = await _counts(tuple(consultation_ids)).run()
    return {r["consultation"]: r["n"] for r in rows}


@frozen
def _counts(consultation_ids: tuple[int, ...]) -> Query[Any, Any]:
    return (
        Proposal.select(Proposal.consultation, Count(Proposal.id, alias="n"))
        .where(PUBLIC_PROPOSAL & Proposal.consultation.is_in(list(consultation_ids)))
        .group_by(Proposal.consultation)
    )


async def list_consultations(
    municipality: Municipality, actor: Actor, timing: str | None = None, now: datetime | None = None
) -> list[ConsultationSummary]:
    """Published and archived consultations (admins also see drafts), newest first; three queries in all."""
    query = ConsultationRow.select().where(ConsultationRow.municipality == municipality.id)
    if not rules.may_manage(actor):
        query = query.where(ConsultationRow.status.is_in(["published", "archived"]))
    rows = await query.order_by(ConsultationRow.id, ascending=False)
    ids = [r["id"] for r in rows]
    phases = await phases_of(ids)
    counts = await proposal_counts(ids)
    moment = now or clock.now()
    consultations = [ConsultationAt(r, phases[r["id"]], moment) for r in rows]
    return [
        ConsultationSummary(**_summary(s, counts.get(s.id, 0)))
        for s in consultations
        if timing is None or s.timing == timing
    ]


async def categories_of(consultation_id: int) -> list[str]:
    rows = await _categories(consultation_id).run()
    used = {r["category"] for r in rows}
    return DEFAULT_CATEGORIES + sorted(used - set(DEFAULT_CATEGORIES))


@frozen
def _categories(consultation_id: int) -> Query[Any, Any]:
    return (
        Proposal.select(Proposal.category)
        .where(PUBLIC_PROPOSAL & (Proposal.consultation == consultation_id) & (Proposal.category != ""))
        .distinct()
    )


async def participation_of(consultation: ConsultationAt, actor: Actor) -> MyParticipation:
    used = 0
    following = False
    if actor.user_id is not None:
        budget = (
            await VoteBudget.select(VoteBudget.used)
            .where((VoteBudget.consultation == consultation.id) & (VoteBudget.user == actor.user_id))
            .first()
        )
        used = budget["used"] if budget else 0
        following = await follows.is_following(Target(CONSULTATION, consultation.id), actor.user_id)
    limit = int(consultation.row["vote_limit"])
    return MyParticipation(
        logged_in=actor.logged_in,
        may_propose=consultation.may_propose(actor),
        may_comment=consultation.may_comment(actor),
        may_vote=consultation.may_vote(actor),
        may_manage=rules.may_manage(actor),
        votes_used=used,
        votes_left=max(0, limit - used) if limit else None,
        following=following,
    )


async def get_consultation(
    municipality: Municipality, consultation_id: int, actor: Actor, now: datetime | None = None
) -> Consultation:
    consultation = await consultation_at(municipality, consultation_id, actor, now)
    counts = await proposal_counts([consultation.id])
    row = consultation.row
    return Consultation(
        **_summary(consultation, counts.get(consultation.id, 0)),
        body=row["body"],
        body_html=row["body_html"],
        area_kind=row["area_kind"],
        area_districts=consultation.area_districts,
        area_polygon=json.loads(row["area_polygon"]) if row["area_polygon"] else None,
        contact_name=row["contact_name"],
        contact_info=row["contact_info"],
        voting_mode=row["voting_mode"],
        vote_limit=row["vote_limit"],
        support_threshold=row["support_threshold"],
        residents_only=row["residents_only"],
        phases=[_phase_out(p, consultation.current) for p in consultation.phases],
        categories=await categories_of(consultation.id),
        me=await participation_of(consultation, actor),
    )
