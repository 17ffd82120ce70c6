"""Whom a municipality's moderators and admins may act on: the people who belong to it or took part in it.

A person belongs to a municipality when they hold a role there (resident, staff, moderator, admin, council),
and took part when moderation has an item of theirs there (any visibility: a held spam post counts) or a flag
they set there. Everyone else is, for that municipality, nobody: the same 404 as an id that does not exist,
so staff of one municipality can neither sanction nor enumerate the accounts of the whole platform.
"""

from __future__ import annotations

from geo.errors import NotFound
from geo.tables import Membership
from moderation.tables import Flag, ModerationItem


class PersonNotFound(NotFound):
    code = "person-not-found"

    def __init__(self, field: str = "user_id") -> None:
        super().__init__("Diese Person gibt es hier nicht.", "There is no such person here.", field=field)


async def is_known_in(municipality_id: int, user_id: int) -> bool:
    """A role there, or an item or a flag there: three indexed existence checks, cheapest first."""
    if await Membership.exists().where((Membership.user == user_id) & (Membership.municipality == municipality_id)):
        return True
    if await ModerationItem.exists().where(
        (ModerationItem.author == user_id) & (ModerationItem.municipality == municipality_id)
    ):
        return True
    return await Flag.exists().where((Flag.user == user_id) & (Flag.item.municipality == municipality_id))


async def ensure_known_in(municipality_id: int, user_id: int, *, field: str = "user_id") -> None:
    if not await is_known_in(municipality_id, user_id):
        raise PersonNotFound(field)
