"""The acceptances of the terms of use are personal data: in the person's export, gone with their account."""

from __future__ import annotations

from typing import Any

from geo import clock
from legal.tables import TermsAcceptance


async def export_acceptances(user_id: int) -> list[dict[str, Any]]:
    rows = await TermsAcceptance.select(
        TermsAcceptance.municipality.name.as_alias("municipality"),
        TermsAcceptance.version,
        TermsAcceptance.accepted_at,
    ).where(TermsAcceptance.user == user_id)
    return [
        {
            "municipality": r["municipality"],
            "version": r["version"],
            "accepted_at": clock.aware(r["accepted_at"]).isoformat(),
        }
        for r in rows
    ]


async def erase_acceptances(user_id: int) -> None:
    await TermsAcceptance.delete().where(TermsAcceptance.user == user_id)
