"""Demo moderation: after the content packages' demo steps, a moderator has worked through the queue.

Demo residents are new accounts, so under the standard policy all their contributions would still wait; the demo
content is loaded under post-moderation instead, so every piece is public and queued for review after
publication. This step decides what a moderator of a living platform would have decided by now: everything but
the newest few of each kind (WAITING_PER_KIND, photos included), which a new moderator finds waiting, oldest
first. Screening hits (a phone number, an insult …) are never approved here: they wait too. It must be the LAST
content step.
"""

from __future__ import annotations

from typing import Any

from moderation import reasons
from moderation.decisions import decide
from moderation.schemas import DecisionCreate
from moderation.screening import SCREENING_REASONS
from moderation.tables import ModerationItem

MODERATOR = "moderation@taunusstein.example"
# The newest items of each content type that still wait for a moderator (a handful in all, of mixed kinds).
WAITING_PER_KIND = {"proposal": 2, "comment": 2, "defect_report": 2, "photo": 1}


async def load(context: Any) -> None:
    moderator = context.users.get(MODERATOR)
    if moderator is None:
        return
    queued = await (
        ModerationItem.select(ModerationItem.id, ModerationItem.content_type, ModerationItem.reasons)
        .where((ModerationItem.municipality == context.municipality.id) & (ModerationItem.queued == True))  # noqa: E712
        .order_by(ModerationItem.queued_at, ascending=False)
        .order_by(ModerationItem.id, ascending=False)
    )
    kept: dict[str, int] = {}
    for row in queued:  # newest first
        kind = row["content_type"]
        if set(reasons.decode(row["reasons"])) & set(SCREENING_REASONS):
            continue
        if kept.get(kind, 0) < WAITING_PER_KIND.get(kind, 0):
            kept[kind] = kept.get(kind, 0) + 1
            continue
        await decide(context.municipality.id, row["id"], moderator, DecisionCreate(action="approve"), mailer=None)
