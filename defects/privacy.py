"""What the Mängelmelder holds about a person (DSGVO export) and how it forgets them on account deletion.

Reports stay (the defect is still there, and the department still works on it), but the reporter's contact
of an account being deleted is erased; follows and supports go with the account (cascading foreign keys).
"""

from __future__ import annotations

from typing import Any

from piccolo.apps.user.tables import BaseUser

from defects.tables import Affected, Follower, Report


async def export_for(user_id: int) -> dict[str, Any]:
    reports = await Report.select(
        Report.id,
        Report.municipality.slug,
        Report.category.code,
        Report.lat,
        Report.lon,
        Report.address,
        Report.description,
        Report.status,
        Report.created_at,
        Report.reporter_email,
        Report.reporter_name,
        Report.reporter_phone,
    ).where(Report.author == user_id)
    follows = await Follower.select(Follower.report).where(Follower.user == user_id)
    affected = await Affected.select(Affected.report, Affected.created_at).where(Affected.user == user_id)
    return {
        "reports": [{**r, "created_at": r["created_at"].isoformat()} for r in reports],
        "following": [f["report"] for f in follows],
        "affected_by": [{"report": a["report"], "at": a["created_at"].isoformat()} for a in affected],
    }


async def forget(user_id: int) -> None:
    """Before the account row goes: erase the contact stored on the person's own reports."""
    account = await BaseUser.select(BaseUser.email).where(BaseUser.id == user_id).first()
    await Report.update({Report.reporter_email: "", Report.reporter_name: "", Report.reporter_phone: ""}).where(
        Report.author == user_id
    )
    if account and account["email"]:
        await Follower.delete().where(Follower.email == str(account["email"]).lower())
