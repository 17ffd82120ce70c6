"""Consultations in the states a scenario needs: phases placed around now, people with roles."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

from backend.links import SpaLinks
from contributions.actor import actor_in
from geo.roles import Role
from geo.tables import Municipality
from proposals import services
from proposals.schemas import ConsultationCreate, PhaseIn, ProposalCreate
from tests.factories import INSIDE, person

DAY = timedelta(days=1)
LINKS = SpaLinks("http://stadtstimme.test")
_numbers = itertools.count(1)


def phase(name: str, start_days: float, end_days: float, **rights: bool) -> PhaseIn:
    now = datetime.now(UTC)
    return PhaseIn(name_de=name, starts_at=now + start_days * DAY, ends_at=now + end_days * DAY, **rights)


def running(**rights: bool) -> list[PhaseIn]:
    """Information is over, the phase with `rights` runs now, the evaluation comes later."""
    return [
        phase("Information", -20, -10),
        phase("Jetzt mitmachen", -10, 10, **rights),
        phase("Auswertung", 10, 20),
    ]


EVERYTHING = {"may_propose": True, "may_comment": True, "may_vote": True}


async def admin_of(municipality: Municipality, email: str = "admin@taunusstein.example") -> int:
    return await person(email, roles=(Role.ADMIN,), municipality=municipality, name="Stadtverwaltung")


async def consultation(
    municipality: Municipality, admin_id: int, phases: list[PhaseIn] | None = None, **settings: Any
) -> int:
    data = ConsultationCreate(
        title=settings.pop("title", "Neugestaltung Platz der Deutschen Einheit"),
        status=settings.pop("status", "published"),
        phases=running(**EVERYTHING) if phases is None else phases,
        **settings,
    )
    return (await services.create_consultation(municipality, await actor_in(admin_id, municipality.id), data)).id


async def proposal(
    municipality: Municipality, consultation_id: int, author_id: int, title: str = "Mehr Bänke am Platz", **fields: Any
) -> int:
    # Each proposal gets a text of its own: moderation holds back the same text posted twice in a municipality.
    body = fields.pop("body", f"Zum Ausruhen, Vorschlag {next(_numbers)}.")
    data = ProposalCreate(title=title, body=body, location=fields.pop("location", INSIDE), **fields)
    actor = await actor_in(author_id, municipality.id)
    return (await services.create_proposal(municipality, consultation_id, actor, data, links=LINKS)).id


async def close_voting(consultation_id: int) -> None:
    """Voting is over (no phase lets people vote any more): the results may be published."""
    from proposals.tables import Phase

    await Phase.update({Phase.may_vote: False}).where(Phase.consultation == consultation_id)
