"""Glue between the web shell and the Mängelmelder: the viewer (multipart forms: backend.uploads)."""

from __future__ import annotations

from backend.accounts.privacy import register_eraser, register_exporter
from backend.accounts.services import Account
from defects import privacy as defects_privacy
from defects.rules import ANONYMOUS, Viewer
from geo import services as geo
from geo.tables import Municipality

# DSGVO: what the Mängelmelder holds about a person goes into their export and is erased with their account.
register_exporter("defect_reports", defects_privacy.export_for)
register_eraser(defects_privacy.forget)


async def viewer_for(account: Account | None, municipality: Municipality) -> Viewer:
    if account is None:
        return ANONYMOUS
    return Viewer(
        user_id=account.id,
        roles=await geo.roles_of(account.id, municipality.id),
        departments=frozenset(await geo.departments_of(account.id, municipality.id)),
    )
