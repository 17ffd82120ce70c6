"""Follow a consultation or a proposal (guards: it must exist and be visible to the person)."""

from __future__ import annotations

from contributions import following
from contributions.actor import Actor
from contributions.following import CONSULTATION, PROPOSAL, Target
from geo.tables import Municipality
from proposals.schemas import Following
from proposals.services.context import consultation_at
from proposals.services.contributions import proposal_row


async def _set(target: Target, municipality: Municipality, user_id: int, on: bool) -> Following:
    if on:
        await following.follow(target, municipality.id, user_id=user_id)
    else:
        await following.unfollow(target, user_id=user_id)
    return Following(following=on)


async def follow_consultation(municipality: Municipality, consultation_id: int, actor: Actor, on: bool) -> Following:
    await consultation_at(municipality, consultation_id, actor)
    return await _set(Target(CONSULTATION, consultation_id), municipality, actor.id, on)


async def follow_proposal(municipality: Municipality, proposal_id: int, actor: Actor, on: bool) -> Following:
    await proposal_row(municipality, proposal_id, actor)
    return await _set(Target(PROPOSAL, proposal_id), municipality, actor.id, on)
