"""Whose flag counts toward hiding a contribution: one named rule, `counts_toward_hiding`.

A flag hides content only when the municipality knows the flagger: a confirmed account that holds a role there
(resident, staff, moderator, admin, council) or whose earlier contribution there a moderator or the policy
accepted (it is public). Every other flag still puts the item in front of the moderators, marked as flagged,
but does not count toward the threshold: a handful of throwaway accounts cannot silence anyone. Account age
alone is not enough, since sleeper accounts cost nothing to age; a history in *this* municipality is.
"""

from __future__ import annotations

from piccolo.apps.user.tables import BaseUser

from geo.tables import Membership
from moderation.hook import Visibility
from moderation.tables import ModerationItem


async def counts_toward_hiding(municipality_id: int, user_id: int, item_id: int) -> bool:
    confirmed = await BaseUser.exists().where((BaseUser.id == user_id) & BaseUser.active.eq(True))
    if not confirmed:
        return False
    if await Membership.exists().where((Membership.user == user_id) & (Membership.municipality == municipality_id)):
        return True
    return await ModerationItem.exists().where(
        (ModerationItem.author == user_id)
        & (ModerationItem.municipality == municipality_id)
        & (ModerationItem.visibility == Visibility.PUBLIC)
        & (ModerationItem.id != item_id)
    )
