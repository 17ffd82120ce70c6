"""Follow a consultation or a proposal (guards: it must exist and be visible to the person)."""

from __future__ import annotations

from contributions.actor import Actor
from geo.tables import Municipality
from proposals.schemas import Following
from proposals.services import notify
from proposals.services.context import consultation_at
from proposals.services.contributions import proposal_row


async def follow_consultation(municipality: Municipality, consultation_id: int, actor: Actor, on: bool) -> Following:
    user_id = actor.id
    await consultation_at(municipality, consultation_id, actor)
    if on:
        await notify.follow(user_id, consultation_id=consultation_id)
    else:
        await notify.unfollow(user_id, consultation_id=consultation_id)
    return Following(following=on)


async def follow_proposal(municipality: Municipality, proposal_id: int, actor: Actor, on: bool) -> Following:
    user_id = actor.id
    await proposal_row(municipality, proposal_id, actor)
    if on:
        await notify.follow(user_id, proposal_id=proposal_id)
    else:
        await notify.unfollow(user_id, proposal_id=proposal_id)
    return Following(following=on)
