"""Case work of staff on one report: assign it, set its priority, keep internal notes, hand it to another
department or category, forward it to an outside body ("nicht zuständig"), move many at once, and add the
"nachher" photos when closing. Guards first (its department's staff and the admins), then one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from piccolo.apps.user.tables import BaseUser

from contributions import photos as contribution_photos
from contributions.actor import Actor
from contributions.notifications import Post
from defects import mapcache
from defects.admin_schemas import ExternalBody, StaffMember
from defects.casework_schemas import BulkStatus, Casework, Forwarding, InternalNote, Reassignment
from defects.errors import NotYourDepartment, ReportNotFound
from defects.rules import handling_department, may_handle
from defects.schemas import StatusUpdate
from defects.services.categories import get_category, get_category_by_id
from defects.services.departments import addresses, check_active_department
from defects.services.filing import report_mail_context
from defects.services.status_change import change_status, load_report
from defects.tables import InternalNote as NoteRow
from defects.tables import Report, RoutingRule
from defects.workflow import Status, label, may_move
from geo.errors import Invalid
from geo.roles import Role
from geo.tables import Department, Membership, Municipality
from media.photos import PhotoStore

AFTER_PHOTOS = "defect_report_after"  # the photos' content type: "nachher", taken by staff when closing


async def _handled(municipality: Municipality, report_id: int, viewer: Actor) -> tuple[dict[str, Any], dict[str, Any]]:
    report = await load_report(municipality.id, report_id)
    category = await get_category_by_id(report["category"])
    if not may_handle(viewer, handling_department(report, category)):
        raise NotYourDepartment()
    return report, category


async def name_of(user_id: int | None) -> str:
    if user_id is None:
        return ""
    row = await BaseUser.select(BaseUser.first_name, BaseUser.email).where(BaseUser.id == user_id).first()
    return (row["first_name"] or row["email"]) if row else ""


async def staff_of_department(municipality_id: int, department_id: int | None) -> list[StaffMember]:
    if department_id is None:
        return []
    rows = await Membership.select(
        Membership.user.id.as_alias("user_id"),
        Membership.user.first_name.as_alias("name"),
        Membership.user.email.as_alias("email"),
    ).where(
        (Membership.department == department_id)
        & (Membership.municipality == municipality_id)
        & (Membership.role == Role.STAFF)
    )
    unique = {r["user_id"]: r for r in rows}
    return sorted(
        (StaffMember(user_id=r["user_id"], name=r["name"] or r["email"], email=r["email"]) for r in unique.values()),
        key=lambda s: s.name.lower(),
    )


async def outside_bodies(municipality_id: int) -> list[ExternalBody]:
    """The outside bodies the municipality's routing rules name (Hessen Mobil, Kreis, Abfallbetrieb …), once each."""
    rows = await RoutingRule.select(
        RoutingRule.external_name, RoutingRule.external_email, RoutingRule.external_phone, RoutingRule.external_web
    ).where((RoutingRule.category.municipality == municipality_id) & (RoutingRule.external_name != ""))
    found: dict[str, ExternalBody] = {}
    for r in rows:
        found.setdefault(
            r["external_name"],
            ExternalBody(
                name=r["external_name"],
                email=r["external_email"] or None,
                phone=r["external_phone"],
                web=r["external_web"],
            ),
        )
    return sorted(found.values(), key=lambda b: b.name.lower())


async def casework(municipality: Municipality, report_id: int, viewer: Actor) -> Casework:
    report, category = await _handled(municipality, report_id, viewer)
    department_id = handling_department(report, category)
    department = (
        await Department.select(Department.name).where(Department.id == department_id).first()
        if department_id is not None
        else None
    )
    notes = (
        await NoteRow.select(NoteRow.id, NoteRow.text, NoteRow.author_label, NoteRow.created_at)
        .where(NoteRow.report == report_id)
        .order_by(NoteRow.created_at)
        .order_by(NoteRow.id)
    )
    departments = (
        await Department.select(Department.id, Department.name)
        .where((Department.municipality == municipality.id) & Department.retired_at.is_null())
        .order_by(Department.name)
    )
    after = await contribution_photos.listed(municipality.slug, AFTER_PHOTOS, [report_id], everything=True)
    return Casework(
        assignee_id=report["assignee"],
        assignee_name=await name_of(report["assignee"]),
        priority=report["priority"] or "normal",
        department_id=department_id,
        department=department["name"] if department else "",
        notes=[InternalNote(id=n["id"], text=n["text"], by=n["author_label"], at=n["created_at"]) for n in notes],
        assignable=await staff_of_department(municipality.id, department_id),
        departments=[{"id": d["id"], "name": d["name"]} for d in departments],
        outside_bodies=await outside_bodies(municipality.id),
        after_photos=after[report_id],
    )


async def assign(municipality: Municipality, report_id: int, viewer: Actor, user_id: int | None) -> None:
    """To a person of the report's department (staff there), or to nobody."""
    report, category = await _handled(municipality, report_id, viewer)
    if user_id is not None:
        staff = await staff_of_department(municipality.id, handling_department(report, category))
        if user_id not in {s.user_id for s in staff}:
            raise Invalid(
                "Diese Person arbeitet nicht im Fachbereich der Meldung.",
                "This person does not work in the report's department.",
                field="user_id",
            )
    await Report.update({Report.assignee: user_id}).where(Report.id == report_id)


async def set_priority(municipality: Municipality, report_id: int, viewer: Actor, priority: str) -> None:
    await _handled(municipality, report_id, viewer)
    await Report.update({Report.priority: priority}).where(Report.id == report_id)


async def add_note(municipality: Municipality, report_id: int, viewer: Actor, text: str) -> None:
    await _handled(municipality, report_id, viewer)
    await NoteRow(report=report_id, author=viewer.user_id, author_label=await name_of(viewer.user_id), text=text).save()


async def reassign(
    municipality: Municipality, report_id: int, viewer: Actor, data: Reassignment, *, post: Post
) -> None:
    """Hand it on: the new department (the given one, else the new category's) gets a mail with the note;
    the note stays as an internal note. The assignee goes: the new department decides who works on it."""
    report, category = await _handled(municipality, report_id, viewer)
    if data.department_id is None and data.category is None:
        raise Invalid(
            "Bitte wählen Sie einen Fachbereich oder eine Kategorie.",
            "Please choose a department or a category.",
            field="department_id",
        )
    new_category = category
    if data.category is not None:
        new_category = await get_category(municipality.id, data.category, include_retired=False)
    department_id = data.department_id
    if department_id is not None:
        await check_active_department(municipality.id, department_id, "department_id")
    else:
        department_id = new_category["department"] or handling_department(report, category)
    department = (
        await Department.select(*Department.all_columns()).where(Department.id == department_id).first()
        if department_id is not None
        else None
    )
    sender = await name_of(viewer.user_id)
    receiver = department["name"] if department else municipality.name
    text = f"Übergeben an {receiver}" + (f" ({new_category['name_de']})" if new_category is not category else "")
    async with Report._meta.db.transaction():
        await Report.update(
            {Report.department: department_id, Report.category: new_category["id"], Report.assignee: None}
        ).where(Report.id == report_id)
        await NoteRow(report=report_id, author=viewer.user_id, author_label=sender, text=f"{text}: {data.note}").save()
        mapcache.forget(municipality.id)
        context = await report_mail_context(
            report, new_category, receiver, link=post.links.report(municipality.slug, report_id), with_reporter=False
        )
        context.update({"note": data.note, "sender": sender or municipality.name})
        recipients = addresses(department) if department else [municipality.contact_email]
        for to in [r for r in recipients if r]:
            await post.mailer.send(
                to=to, template="defects/reassigned", context=context, locale="de", municipality_id=municipality.id
            )


async def forward(municipality: Municipality, report_id: int, viewer: Actor, data: Forwarding, *, post: Post) -> None:
    """ "Nicht zuständig, zuständig ist …": the history names the body (so does Open311's agency_responsible),
    reporter and followers are told as with any status change, and the body gets everything it needs by mail
    (description, place, map link, public photos; never the reporter's contact)."""
    report, category = await _handled(municipality, report_id, viewer)
    body = next((b for b in await outside_bodies(municipality.id) if b.name == data.body), None)
    if body is None:
        raise Invalid(
            "Diese Stelle ist nicht hinterlegt. Bitte wählen Sie eine aus der Liste.",
            "This body is not on file. Please choose one from the list.",
            field="body",
        )
    if not body.email:
        raise Invalid(
            "Für diese Stelle ist keine E-Mail-Adresse hinterlegt.",
            "This body has no e-mail address on file.",
            field="body",
        )
    if report["status"] != Status.NOT_RESPONSIBLE.value:
        if not may_move(report["status"], Status.NOT_RESPONSIBLE):
            raise Invalid(
                f"Aus „{label(report['status'])}“ geht es nicht zu „Nicht zuständig“.",
                f"'{label(report['status'], 'en')}' cannot move to 'Not responsible'.",
                field="body",
            )
        await change_status(
            municipality,
            report_id,
            viewer,
            StatusUpdate(status=Status.NOT_RESPONSIBLE.value, note=data.note, responsible=body.name),
            post=post,
        )
    shown = await contribution_photos.listed(municipality.slug, "defect_report", [report_id])  # public ones
    photos = [
        (post.links.photo(municipality.slug, p.id), post.links.photo(municipality.slug, p.id, thumb=True))
        for p in shown[report_id]
    ]
    sender = await name_of(viewer.user_id)
    context = await report_mail_context(
        report,
        category,
        body.name,
        link=post.links.report(municipality.slug, report_id),
        photos=photos,
        with_reporter=False,
    )
    context.update(
        {
            "note": data.note,
            "sender": sender or municipality.name,
            "municipality": municipality.name,
            "reply_to": municipality.contact_email or "",
        }
    )
    await post.mailer.send(
        to=str(body.email), template="defects/forwarded", context=context, locale="de", municipality_id=municipality.id
    )
    await NoteRow(
        report=report_id,
        author=viewer.user_id,
        author_label=sender,
        text=f"Weitergeleitet an {body.name} ({body.email})",
    ).save()


async def bulk_status(municipality: Municipality, viewer: Actor, data: BulkStatus, *, post: Post) -> list[int]:
    """All checked first (each report handled by the viewer, the move allowed, what it needs given), naming
    `ids[i]`; then each moves as on its own, so reporter and followers of each are told as usual."""
    ids = list(dict.fromkeys(data.ids))
    for index, report_id in enumerate(ids):
        try:
            report, _ = await _handled(municipality, report_id, viewer)
        except (ReportNotFound, NotYourDepartment) as error:
            raise Invalid(
                f"Meldung #{report_id}: {error.de}",
                f"Report #{report_id}: {error.en}",
                field=f"ids[{index}]",
            ) from None
        try:
            target = Status(data.status)
        except ValueError:
            raise Invalid("Unbekannter Status.", "Unknown status.", field="status") from None
        if report["confirmed_at"] is None or not may_move(report["status"], target):
            raise Invalid(
                f"Meldung #{report_id} kann nicht von „{label(report['status'])}“ zu „{label(target)}“.",
                f"Report #{report_id} cannot move from '{label(report['status'], 'en')}' to '{label(target, 'en')}'.",
                field=f"ids[{index}]",
            )
    if Status(data.status) in (Status.DUPLICATE, Status.NOT_RESPONSIBLE):
        raise Invalid(
            "Duplikate und „Nicht zuständig“ bitte einzeln bearbeiten.",
            "Please handle duplicates and 'not responsible' one by one.",
            field="status",
        )
    for report_id in ids:
        await change_status(
            municipality, report_id, viewer, StatusUpdate(status=data.status, note=data.note), post=post
        )
    return ids


async def add_after_photos(
    municipality: Municipality,
    report_id: int,
    viewer: Actor,
    uploads: Sequence[bytes],
    *,
    store: PhotoStore | None,
    link: str,
) -> None:
    """ "Nachher": staff's photos of the repaired spot, moderated like any photo (content type `photo`)."""
    await _handled(municipality, report_id, viewer)
    owner = contribution_photos.Owner(
        municipality_id=municipality.id,
        slug=municipality.slug,
        content_type=AFTER_PHOTOS,
        content_id=report_id,
        author_id=viewer.user_id,
        link=link,
    )
    await contribution_photos.add(owner, store, uploads)
