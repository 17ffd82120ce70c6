"""What the Mängelmelder holds about a person (DSGVO export) and how it forgets them on account deletion.

Reports stay (the defect is still there, and the department still works on it), but the reporter's contact
of an account being deleted is erased; supports go with the account (cascading foreign keys). Follows are
the shared layer's (`contributions.notifications`).
"""

from __future__ import annotations

from typing import Any

from defects.tables import Report, Supporter


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
    supports = await Supporter.select(Supporter.report, Supporter.created_at).where(Supporter.user == user_id)
    return {
        "reports": [{**r, "created_at": r["created_at"].isoformat()} for r in reports],
        "supporting": [{"report": s["report"], "at": s["created_at"].isoformat()} for s in supports],
    }


async def forget(user_id: int) -> None:
    """Before the account row goes: erase the contact stored on the person's own reports."""
    await Report.update({Report.reporter_email: "", Report.reporter_name: "", Report.reporter_phone: ""}).where(
        Report.author == user_id
    )
