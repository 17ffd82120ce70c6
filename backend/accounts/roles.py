"""Granting a role in a municipality over the API: never to a stranger picked by id.

By id only someone who already belongs to or took part in the municipality (`moderation.people`), so an admin
of one municipality cannot probe or co-opt the accounts of another; a new colleague or resident is found by the
e-mail address they gave the admin. Either way an unknown person is the same 404.
"""

from __future__ import annotations

from piccolo.apps.user.tables import BaseUser

from backend.accounts.services import normalise_email
from geo import services as geo
from geo.schemas import RoleGrant
from moderation.people import PersonNotFound, ensure_known_in


async def grant(municipality_id: int, data: RoleGrant) -> None:
    if data.user_id is not None:
        await ensure_known_in(municipality_id, data.user_id)
        user_id = data.user_id
    else:
        found = await BaseUser.select(BaseUser.id).where(BaseUser.email == normalise_email(data.email or "")).first()
        if found is None:
            raise PersonNotFound("email")
        user_id = int(found["id"])
    await geo.grant_role(user_id, municipality_id, data.role, data.department_id)
