"""Demo moderation: after the content packages' demo steps, a moderator has worked through the queue.

Demo residents are new accounts, so under the standard policy all their contributions would still wait. This
step approves everything that waits only because of the policy and leaves screening hits (a phone number, an
insult …) in the queue, so a new user sees a living platform and a realistic queue. It must be the LAST step.
"""

from __future__ import annotations

from typing import Any

from moderation import reasons
from moderation.decisions import decide
from moderation.schemas import DecisionCreate
from moderation.screening import SCREENING_REASONS
from moderation.tables import ModerationItem

MODERATOR = "moderation@taunusstein.example"


async def load(context: Any) -> None:
    moderator = context.users.get(MODERATOR)
    if moderator is None:
        return
    waiting = await ModerationItem.select(ModerationItem.id, ModerationItem.reasons).where(
        (ModerationItem.municipality == context.municipality.id) & (ModerationItem.visibility == "pending")
    )
    for row in waiting:
        if not set(reasons.decode(row["reasons"])) & set(SCREENING_REASONS):
            await decide(context.municipality.id, row["id"], moderator, DecisionCreate(action="approve"), mailer=None)
