"""Changing a report's status: the workflow's rules, one history entry, and news for every follower."""

from __future__ import annotations

from typing import Any

from contributions.actor import Actor
from contributions.following import DEFECT_REPORT, Target, followers_of
from contributions.notifications import Notice, Post, tell
from defects import mapcache
from defects.errors import NotYourDepartment, ReportNotFound, TransitionNotAllowed
from defects.rules import handling_department, may_handle
from defects.schemas import StatusUpdate
from defects.services.categories import get_category_by_id
from defects.tables import Report, StatusChange
from defects.workflow import STATUSES, Needs, Status, label, may_move
from geo import clock
from geo.errors import Conflict, Invalid
from geo.tables import Department, Municipality


async def load_report(municipality_id: int, report_id: int) -> dict[str, Any]:
    row = (
        await Report.select(*Report.all_columns())
        .where((Report.id == report_id) & (Report.municipality == municipality_id))
        .first()
    )
    if row is None:
        raise ReportNotFound()
    return row


def _target(value: str) -> Status:
    try:
        return Status(value)
    except ValueError:
        allowed = ", ".join(s.value for s in Status)
        raise Invalid(
            f"Unbekannter Status. Erlaubt: {allowed}.", f"Unknown status. Allowed: {allowed}.", field="status"
        ) from None


async def _check_needs(municipality_id: int, report_id: int, target: Status, update: StatusUpdate) -> None:
    needs = STATUSES[target].needs
    if needs == Needs.REASON and not update.note.strip():
        raise Invalid(
            "Bitte nennen Sie den Grund der Ablehnung.", "Please give the reason for rejecting.", field="note"
        )
    if needs == Needs.RESPONSIBLE and not update.responsible.strip():
        raise Invalid("Bitte nennen Sie, wer zuständig ist.", "Please say who is responsible.", field="responsible")
    if needs == Needs.ORIGINAL:
        if update.duplicate_of is None or update.duplicate_of == report_id:
            raise Invalid(
                "Bitte nennen Sie die ursprüngliche Meldung.", "Please name the original report.", field="duplicate_of"
            )
        if not await Report.exists().where(
            (Report.id == update.duplicate_of) & (Report.municipality == municipality_id)
        ):
            raise Invalid("Diese Meldung gibt es hier nicht.", "There is no such report here.", field="duplicate_of")


async def change_status(
    municipality: Municipality,
    report_id: int,
    viewer: Actor,
    update: StatusUpdate,
    *,
    post: Post,
    actor_label: str = "",
) -> None:
    report = await load_report(municipality.id, report_id)
    category = await get_category_by_id(report["category"])
    if not may_handle(viewer, handling_department(report, category)):
        raise NotYourDepartment()
    if report["confirmed_at"] is None:
        raise Conflict(
            "Diese Meldung ist noch nicht bestätigt.", "This report has not been confirmed yet.", field="status"
        )
    target = _target(update.status)
    if not may_move(report["status"], target):
        raise TransitionNotAllowed(
            label(report["status"]), label(target), label(report["status"], "en"), label(target, "en")
        )
    await _check_needs(municipality.id, report_id, target, update)
    handler = handling_department(report, category)
    if not actor_label and handler is not None:
        department = await Department.select(Department.name).where(Department.id == handler).first()
        actor_label = department["name"] if department else ""
    actor_label = actor_label or municipality.name
    async with Report._meta.db.transaction():
        await Report.update(
            {
                Report.status: target.value,
                Report.updated_at: clock.now(),
                Report.duplicate_of: update.duplicate_of if target == Status.DUPLICATE else None,
                Report.reminded_at: None,
            }
        ).where(Report.id == report_id)
        await StatusChange(
            report=report_id,
            from_status=report["status"],
            to_status=target.value,
            note=update.note.strip(),
            responsible=update.responsible.strip(),
            actor=viewer.user_id,
            actor_label=actor_label,
        ).save()
        mapcache.forget(municipality.id)
        about = Target(DEFECT_REPORT, report_id)
        link = post.links.report(municipality.slug, report_id)
        await tell(
            await followers_of(about),
            Notice(
                text_de=f"Meldung #{report_id} („{category['name_de']}“) ist jetzt: {label(target)}.",
                text_en=f"Report #{report_id} ('{category['name_en']}') is now: {label(target, 'en')}.",
                link=link,
                template="defects/status_changed",
                context={
                    "id": report_id,
                    "category_de": category["name_de"],
                    "category_en": category["name_en"],
                    "status_de": label(target),
                    "status_en": label(target, "en"),
                    "note": update.note.strip(),
                    "responsible": update.responsible.strip(),
                    "duplicate_link": post.links.report(municipality.slug, update.duplicate_of)
                    if target == Status.DUPLICATE and update.duplicate_of
                    else "",
                },
                locales={str(report["reporter_email"]).lower(): report["locale"]} if report["reporter_email"] else {},
            ),
            municipality=municipality,
            post=post,
            about=about,
        )
        if target == Status.FIXED:
            from defects.services.reopening import ask_if_fixed  # reopening builds on this module

            await ask_if_fixed(municipality, report, handler, post=post)
