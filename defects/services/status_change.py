"""Changing a report's status: the workflow's rules, one history entry, and a mail to every follower."""

from __future__ import annotations

from typing import Any

from contributions.actor import Actor
from defects import links, mapcache
from defects.errors import NotYourDepartment, ReportNotFound, TransitionNotAllowed
from defects.rules import may_handle
from defects.schemas import StatusUpdate
from defects.services.categories import get_category_by_id
from defects.tables import Follower, Report, StatusChange
from defects.workflow import STATUSES, Needs, Status, label, may_move
from geo import clock
from geo.errors import Conflict, Invalid
from geo.ports import Mailer
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
    mailer: Mailer,
    base_url: str,
    actor_label: str = "",
) -> None:
    report = await load_report(municipality.id, report_id)
    category = await get_category_by_id(report["category"])
    if not may_handle(viewer, category["department"]):
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
    if not actor_label and category["department"] is not None:
        department = await Department.select(Department.name).where(Department.id == category["department"]).first()
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
        followers = await Follower.select(Follower.email).where(Follower.report == report_id)
        for follower in followers:
            await mailer.send(
                to=follower["email"],
                template="defects/status_changed",
                context={
                    "id": report_id,
                    "category_de": category["name_de"],
                    "category_en": category["name_en"],
                    "status_de": label(target),
                    "status_en": label(target, "en"),
                    "note": update.note.strip(),
                    "responsible": update.responsible.strip(),
                    "duplicate_link": links.report_link(base_url, municipality.slug, update.duplicate_of)
                    if target == Status.DUPLICATE and update.duplicate_of
                    else "",
                    "link": links.report_link(base_url, municipality.slug, report_id),
                    "municipality": municipality.name,
                },
                locale=report["locale"] if follower["email"] == report["reporter_email"] else None,  # type: ignore[arg-type]
            )
