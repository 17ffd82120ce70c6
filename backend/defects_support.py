"""Glue between the web shell and the Mängelmelder: the viewer (multipart forms: backend.uploads)."""

from __future__ import annotations

from backend.accounts.services import Account
from defects.rules import ANONYMOUS, Viewer
from geo import services as geo
from geo.tables import Municipality


async def viewer_for(account: Account | None, municipality: Municipality) -> Viewer:
    if account is None:
        return ANONYMOUS
    return Viewer(
        user_id=account.id,
        roles=await geo.roles_of(account.id, municipality.id),
        departments=frozenset(await geo.departments_of(account.id, municipality.id)),
    )
