"""What the Mängelmelder holds about a person (DSGVO export) and how it forgets them on account deletion.

Reports stay (the defect is still there, and the department still works on it), but the reporter's contact
of an account being deleted is erased; "affected" marks go with the account (follows are contributions').
"""

from __future__ import annotations

from typing import Any

from defects.tables import Affected, AreaAlert, Report


async def export_reports(user_id: int) -> list[dict[str, Any]]:
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
    return list(reports)


async def erase_reports(user_id: int) -> None:
    """Before the account row goes: erase the contact stored on the person's own reports."""
    await Report.update(
        {Report.reporter_email: "", Report.reporter_name: "", Report.reporter_phone: "", Report.author: None}
    ).where(Report.author == user_id)


async def export_affected(user_id: int) -> list[dict[str, Any]]:
    return list(await Affected.select(Affected.report, Affected.created_at).where(Affected.user == user_id))


async def erase_affected(user_id: int) -> None:
    """The count on the report stays; the mark that names the person goes."""
    await Affected.delete().where(Affected.user == user_id)


async def export_area_alerts(user_id: int) -> list[dict[str, Any]]:
    """The areas a person subscribed to (district or place and radius)."""
    return list(
        await AreaAlert.select(
            AreaAlert.municipality.slug,
            AreaAlert.label,
            AreaAlert.district.name,
            AreaAlert.lat,
            AreaAlert.lon,
            AreaAlert.radius_m,
            AreaAlert.created_at,
        ).where(AreaAlert.user == user_id)
    )


async def erase_area_alerts(user_id: int) -> None:
    await AreaAlert.delete().where(AreaAlert.user == user_id)
