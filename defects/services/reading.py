"""Reading reports: the detail page (with history) and the department queue of staff."""

from __future__ import annotations

from contributions import following as follows
from contributions import photos
from contributions.actor import Actor
from contributions.following import DEFECT_REPORT, Target
from defects.errors import ReportNotFound
from defects.jsonvalue import json_value
from defects.rules import handling_department, is_staff, may_handle, may_see, may_see_contact
from defects.schemas import Contact, HistoryEntry, Report
from defects.services.categories import get_category_by_id
from defects.services.status_change import load_report
from defects.tables import Report as ReportRow
from defects.tables import StatusChange
from defects.workflow import Group, group_of, label
from geo.tables import District, Municipality


async def report_detail(municipality: Municipality, report_id: int, viewer: Actor) -> Report:
    row = await load_report(municipality.id, report_id)
    if not may_see(viewer, row["visibility"], row["confirmed_at"] is not None, row["author"]):
        raise ReportNotFound()
    category = await get_category_by_id(row["category"])
    district = None
    if row["district"] is not None:
        found = await District.select(District.name).where(District.id == row["district"]).first()
        district = found["name"] if found else None
    shown = await photos.listed(
        municipality.slug, "defect_report", [report_id], everything=is_staff(viewer), own=viewer.user_id
    )
    after = await photos.listed(
        municipality.slug, "defect_report_after", [report_id], everything=is_staff(viewer), own=viewer.user_id
    )
    history = [
        HistoryEntry(
            status=h["to_status"],
            status_group=group_of(h["to_status"]).value,
            label_de=label(h["to_status"]),
            label_en=label(h["to_status"], "en"),
            note=h["note"],
            responsible=h["responsible"],
            by=h["actor_label"],
            at=h["created_at"],
        )
        for h in await StatusChange.select()
        .where(StatusChange.report == report_id)
        .order_by(StatusChange.created_at)
        .order_by(StatusChange.id)
    ]
    contact = None
    if may_see_contact(viewer, handling_department(row, category)):
        contact = Contact(
            email=row["reporter_email"], name=row["reporter_name"], phone=row["reporter_phone"], channel=row["channel"]
        )
    return Report(
        id=row["id"],
        category=category["code"],
        category_name_de=category["name_de"],
        category_name_en=category["name_en"],
        status=row["status"],
        status_group=group_of(row["status"]).value,
        lat=row["lat"],
        lon=row["lon"],
        placed=row["placed"],
        district=district,
        address=row["address"],
        description=row["description"],
        answers=json_value(row["answers"]) or {},
        photos=shown[report_id],
        affected_count=row["affected_count"],
        duplicate_of=row["duplicate_of"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        history=history,
        visibility=row["visibility"],
        confirmed=row["confirmed_at"] is not None,
        contact=contact,
        contact_withheld=contact is None and is_staff(viewer),
        may_handle=may_handle(viewer, handling_department(row, category)),
        following=await follows.is_following(Target(DEFECT_REPORT, report_id), viewer.user_id),
        mine=viewer.user_id is not None and row["author"] == viewer.user_id,
        after_photos=after[report_id],
        reopened_at=row["reopened_at"] if group_of(row["status"]) == Group.OPEN else None,
    )


async def photo_access(municipality_id: int, report_id: int, actor: Actor) -> photos.OwnerAccess:
    """For contributions.photos: staff see every photo of a report; others those of a visible report."""
    row = (
        await ReportRow.select(ReportRow.visibility, ReportRow.confirmed_at)
        .where((ReportRow.id == report_id) & (ReportRow.municipality == municipality_id))
        .first()
    )
    if row is None:
        return photos.OwnerAccess(visible=False)
    return photos.OwnerAccess(
        visible=may_see(actor, row["visibility"], row["confirmed_at"] is not None), works_on=is_staff(actor)
    )
