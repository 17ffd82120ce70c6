"""Loading what every use case needs first: the consultation with its phases, as the actor may see it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from contributions.actor import Actor
from geo import clock
from geo.clock import aware
from geo.tables import Municipality
from geo.versions import VersionedCache
from proposals import rules
from proposals.errors import ConsultationNotFound
from proposals.rules import PhaseRights
from proposals.tables import Consultation, Phase


@dataclass
class ConsultationAt:
    """A consultation with its phases as seen at one moment (`now`): the current phase, timing and rights."""

    row: dict[str, Any]
    phases: list[dict[str, Any]]
    now: datetime
    current: dict[str, Any] | None = field(init=False)

    def __post_init__(self) -> None:
        self.current = next((p for p in self.phases if aware(p["starts_at"]) <= self.now < aware(p["ends_at"])), None)

    @property
    def id(self) -> int:
        return int(self.row["id"])

    @property
    def status(self) -> str:
        return str(self.row["status"])

    @property
    def residents_only(self) -> bool:
        return bool(self.row["residents_only"])

    @property
    def area_districts(self) -> list[int]:
        return [int(x) for x in json.loads(self.row["area_districts"] or "[]")]

    @property
    def rights(self) -> PhaseRights | None:
        if self.current is None:
            return None
        c = self.current
        return PhaseRights(may_propose=c["may_propose"], may_comment=c["may_comment"], may_vote=c["may_vote"])

    @property
    def timing(self) -> str:
        if not self.phases:
            return "upcoming"
        if self.now < aware(self.phases[0]["starts_at"]):
            return "upcoming"
        if self.now >= aware(self.phases[-1]["ends_at"]):
            return "finished"
        return "running"

    def may_propose(self, actor: Actor) -> bool:
        return rules.may_propose(actor, self.status, self.residents_only, self.rights)

    def may_comment(self, actor: Actor) -> bool:
        return rules.may_comment(actor, self.status, self.residents_only, self.rights)

    def may_vote(self, actor: Actor) -> bool:
        return rules.may_vote(actor, self.status, self.residents_only, self.rights)


async def phases_of(consultation_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Phases of many consultations in one query, each list in time order."""
    grouped: dict[int, list[dict[str, Any]]] = {i: [] for i in consultation_ids}
    if not consultation_ids:
        return grouped
    rows = await Phase.select().where(Phase.consultation.is_in(consultation_ids)).order_by(Phase.starts_at)
    for row in rows:
        grouped[row["consultation"]].append(row)
    return grouped


async def consultation_at(
    municipality: Municipality, consultation_id: int, actor: Actor, now: datetime | None = None
) -> ConsultationAt:
    """The consultation if it belongs to the municipality and the actor may see it, else NotFound.

    Row and phases come from this worker's cache while no consultation or phase changed (geo/versions.py)."""
    found = await _consultations.get(
        (municipality.id, consultation_id), lambda: _load(municipality.id, consultation_id)
    )
    if found is None or not rules.may_view_consultation(actor, found[0]["status"]):
        raise ConsultationNotFound()
    return ConsultationAt(found[0], found[1], now or clock.now())


async def _load(municipality_id: int, consultation_id: int) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
    row = (
        await Consultation.select()
        .where((Consultation.id == consultation_id) & (Consultation.municipality == municipality_id))
        .first()
    )
    if row is None:
        return None
    return row, (await phases_of([consultation_id]))[consultation_id]


# Shared between requests: ConsultationAt and its callers read the row and phases, never change them in place.
_consultations: VersionedCache[tuple[dict[str, Any], list[dict[str, Any]]] | None] = VersionedCache("context")
