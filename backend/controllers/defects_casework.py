"""The Mängelmelder's case work for staff: assign, priority, internal notes, hand on, forward, bulk, after-photos.

Every endpoint: staff of the report's department and the municipality's admins (the guard lets staff in, the
use case checks the department); residents, anonymous people and other municipalities are refused."""

from __future__ import annotations

from dataclasses import dataclass, field

from litestar import Controller, get, post
from litestar.datastructures import UploadFile
from litestar.params import FromPath, JSONBody, MultipartBody

from backend.auth import requires_role
from backend.dependencies import ActorDep, MailerDep, MunicipalityDep, SettingsDep
from backend.links import SpaLinks, post_office
from backend.params import PathId
from backend.uploads import photo_bytes, photo_store
from defects.schemas import (
    AssigneeUpdate,
    BulkResult,
    BulkStatus,
    Casework,
    Forwarding,
    InternalNoteIn,
    PriorityUpdate,
    Reassignment,
)
from defects.services import casework
from geo.roles import Role

STAFF = requires_role(Role.STAFF, Role.ADMIN)


@dataclass
class PhotosForm:
    """multipart/form-data: `photos`, up to three image files."""

    photos: list[UploadFile] = field(default_factory=list)


class DefectCaseworkController(Controller):
    path = "/api/v1/municipalities/{slug:str}"
    tags = ["defects (staff)"]
    guards = [STAFF]

    @get(
        "/reports/{report_id:int}/casework",
        operation_id="reportCasework",
        summary="The staff side of a report: assignee, priority, internal notes, who could take it, after-photos",
    )
    async def show(
        self, slug: FromPath[str], municipality: MunicipalityDep, report_id: PathId, actor: ActorDep
    ) -> Casework:
        return await casework.casework(municipality, report_id, actor)

    @post(
        "/reports/{report_id:int}/assignee",
        operation_id="assignReport",
        status_code=200,
        summary="Give the report to a person of its department, or to nobody (user_id null)",
    )
    async def assign(
        self,
        slug: FromPath[str],
        municipality: MunicipalityDep,
        report_id: PathId,
        data: JSONBody[AssigneeUpdate],
        actor: ActorDep,
    ) -> Casework:
        await casework.assign(municipality, report_id, actor, data.user_id)
        return await casework.casework(municipality, report_id, actor)

    @post(
        "/reports/{report_id:int}/priority",
        operation_id="setReportPriority",
        status_code=200,
        summary="Set how urgent a report is: normal, hoch, dringend",
    )
    async def priority(
        self,
        slug: FromPath[str],
        municipality: MunicipalityDep,
        report_id: PathId,
        data: JSONBody[PriorityUpdate],
        actor: ActorDep,
    ) -> Casework:
        await casework.set_priority(municipality, report_id, actor, data.priority)
        return await casework.casework(municipality, report_id, actor)

    @post(
        "/reports/{report_id:int}/internal-notes",
        operation_id="addInternalNote",
        status_code=201,
        summary="Add a note only staff read (never public, never in Open311 or residents' exports)",
    )
    async def note(
        self,
        slug: FromPath[str],
        municipality: MunicipalityDep,
        report_id: PathId,
        data: JSONBody[InternalNoteIn],
        actor: ActorDep,
    ) -> Casework:
        await casework.add_note(municipality, report_id, actor, data.text)
        return await casework.casework(municipality, report_id, actor)

    @post(
        "/reports/{report_id:int}/reassign",
        operation_id="reassignReport",
        status_code=200,
        summary="Hand a report to another department or category, with a note; the new department gets a mail",
    )
    async def reassign(
        self,
        slug: FromPath[str],
        municipality: MunicipalityDep,
        report_id: PathId,
        data: JSONBody[Reassignment],
        actor: ActorDep,
        settings: SettingsDep,
        mailer: MailerDep,
    ) -> BulkResult:
        await casework.reassign(municipality, report_id, actor, data, post=post_office(settings, mailer))
        return BulkResult(changed=[report_id])

    @post(
        "/reports/{report_id:int}/forward",
        operation_id="forwardReport",
        status_code=200,
        summary="'Nicht zuständig': name the outside body and mail it the report (place, description, photos)",
    )
    async def forward(
        self,
        slug: FromPath[str],
        municipality: MunicipalityDep,
        report_id: PathId,
        data: JSONBody[Forwarding],
        actor: ActorDep,
        settings: SettingsDep,
        mailer: MailerDep,
    ) -> Casework:
        await casework.forward(municipality, report_id, actor, data, post=post_office(settings, mailer))
        return await casework.casework(municipality, report_id, actor)

    @post(
        "/reports/{report_id:int}/after-photos",
        operation_id="addAfterPhotos",
        status_code=201,
        summary="'Nachher': photos of the repaired spot, up to three, moderated like any photo",
    )
    async def after_photos(
        self,
        slug: FromPath[str],
        municipality: MunicipalityDep,
        report_id: PathId,
        data: MultipartBody[PhotosForm],
        actor: ActorDep,
        settings: SettingsDep,
    ) -> Casework:
        await casework.add_after_photos(
            municipality,
            report_id,
            actor,
            await photo_bytes(data.photos),
            store=photo_store(settings),
            link=SpaLinks(settings.base_url).report(municipality.slug, report_id),
        )
        return await casework.casework(municipality, report_id, actor)

    @post(
        "/defect-queue/status",
        operation_id="changeReportStatuses",
        status_code=200,
        summary="One status change with one public note for several reports; each one's people are told as usual",
    )
    async def bulk(
        self,
        slug: FromPath[str],
        municipality: MunicipalityDep,
        data: JSONBody[BulkStatus],
        actor: ActorDep,
        settings: SettingsDep,
        mailer: MailerDep,
    ) -> BulkResult:
        changed = await casework.bulk_status(municipality, actor, data, post=post_office(settings, mailer))
        return BulkResult(changed=changed)
