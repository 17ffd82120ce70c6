"""Re-assigning proposals to districts after the district shapes changed."""

from __future__ import annotations

from geo import services as geo
from geo.schemas import Reassigned
from geo.tables import Municipality
from proposals.tables import Consultation, Proposal

BATCH = 500


async def reassign_proposal_districts(municipality: Municipality) -> Reassigned:
    """Set the district of every proposal with a point to the one at that point (none when no shape covers it).
    Proposals without a point keep theirs."""
    territory = await geo.territory_of(municipality)
    consultations = Consultation.select(Consultation.id).where(Consultation.municipality == municipality.id)
    rows = await Proposal.select(Proposal.id, Proposal.lon, Proposal.lat, Proposal.district).where(
        Proposal.consultation.is_in(consultations) & Proposal.lat.is_not_null() & Proposal.lon.is_not_null()
    )
    moves = territory.regroup(rows)
    async with Proposal._meta.db.transaction():
        for district_id, ids in moves.items():
            for start in range(0, len(ids), BATCH):
                await Proposal.update({Proposal.district: district_id}).where(
                    Proposal.id.is_in(ids[start : start + BATCH])
                )
    return Reassigned(checked=len(rows), changed=sum(len(ids) for ids in moves.values()))
