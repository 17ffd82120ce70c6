"""The Mängelmelder for staff: the department queue, status changes, filing on someone's behalf, API keys."""

from __future__ import annotations

from datetime import timedelta

from litestar import Controller, delete, get, patch, post
from litestar.params import FromPath, JSONBody, MultipartBody, Parameter

from backend.auth import requires_role
from backend.dependencies import ActorDep, MailerDep, MunicipalityDep, SettingsDep
from backend.links import SpaLinks, post_office
from backend.paging import DEFAULT_LIMIT, CursorParam, LimitParam
from backend.params import PathId
from backend.uploads import ReportForm, parse_model, photo_bytes, photo_store
from defects.schemas import (
    ApiKey,
    ApiKeyCreate,
    ApiKeyIssued,
    ApiKeyUpdate,
    Filed,
    Placement,
    Priority,
    QueueItem,
    Report,
    ReportOnBehalf,
    StatusUpdate,
)
from defects.services import Group, apikeys, change_status, filing, may_manage, placing, reading
from defects.services.staff_queue import Assigned, QueueFilter, Sort, staff_queue
from geo.errors import Forbidden
from geo.paging import Page
from geo.roles import Role

STAFF = requires_role(Role.STAFF, Role.ADMIN)
ADMIN = requires_role(Role.ADMIN)


def _only_admins(actor: ActorDep) -> None:
    if not may_manage(actor):
        raise Forbidden("Nur die Verwaltung darf Schlüssel verwalten.", "Only admins may manage keys.")


class DefectStaffController(Controller):
    path = "/api/v1/municipalities/{slug:str}"
    tags = ["defects (staff)"]

    @get(
        "/defect-queue",
        operation_id="defectQueue",
        guards=[STAFF],
        summary="Confirmed reports of my departments (admins: all): filtered, searched, sorted, paged; overdue marked",
    )
    async def queue(
        self,
        slug: FromPath[str],
        municipality: MunicipalityDep,
        actor: ActorDep,
        settings: SettingsDep,
        status_group: Group | None = Parameter(default=Group.OPEN, description="open, closed; absent with `status`"),
        status: list[str] | None = Parameter(default=None, description="Only these statuses (beats status_group)"),
        category: str | None = Parameter(default=None, max_length=64, description="A category's code"),
        district: PathId | None = Parameter(default=None, description="A district's id"),
        department: PathId | None = Parameter(default=None, description="A department's id"),
        overdue: bool = Parameter(default=False, description="Only open reports older than the reminder period"),
        assigned: Assigned | None = Parameter(default=None, description="me: mine; none: nobody's yet"),
        priority: Priority | None = Parameter(default=None),
        q: str = Parameter(default="", max_length=200, description="A number (#123) or words of description/place"),
        sort: Sort = Parameter(default=Sort.OLDEST, description="newest, oldest, overdue (first), priority"),
        cursor: CursorParam = None,
        limit: LimitParam = DEFAULT_LIMIT,
    ) -> Page[QueueItem]:
        overdue_after = timedelta(days=settings.defect_reminder_days)
        wanted = QueueFilter(
            group=status_group,
            statuses=tuple(status or ()),
            category=category,
            district_id=district,
            department_id=department,
            overdue=overdue,
            assigned=assigned,
            priority=priority,
            q=q,
            sort=sort,
        )
        return await staff_queue(municipality.id, actor, wanted, overdue_after, cursor=cursor, limit=limit)

    @post(
        "/reports/{report_id:int}/status",
        operation_id="changeReportStatus",
        guards=[STAFF],
        status_code=200,
        summary="Move a report in the workflow with a public note; reporter and followers get a mail",
    )
    async def change_status(
        self,
        slug: FromPath[str],
        municipality: MunicipalityDep,
        report_id: PathId,
        data: JSONBody[StatusUpdate],
        actor: ActorDep,
        settings: SettingsDep,
        mailer: MailerDep,
    ) -> Report:
        await change_status(municipality, report_id, actor, data, post=post_office(settings, mailer))
        return await reading.report_detail(municipality, report_id, actor)

    @post(
        "/reports/{report_id:int}/location",
        operation_id="placeReport",
        guards=[STAFF],
        status_code=200,
        summary="Set the point of a report (e.g. one an Open311 app filed by address alone)",
    )
    async def place(
        self,
        slug: FromPath[str],
        municipality: MunicipalityDep,
        report_id: PathId,
        data: JSONBody[Placement],
        actor: ActorDep,
    ) -> Report:
        await placing.place_report(municipality, report_id, actor, lat=data.lat, lon=data.lon)
        return await reading.report_detail(municipality, report_id, actor)

    @post(
        "/reports/on-behalf",
        operation_id="fileReportOnBehalf",
        guards=[STAFF],
        status_code=201,
        summary="File a report for someone who phoned, came by, wrote, or met the mobile Bürgerbüro",
    )
    async def on_behalf(
        self,
        slug: FromPath[str],
        municipality: MunicipalityDep,
        data: MultipartBody[ReportForm],
        actor: ActorDep,
        settings: SettingsDep,
        mailer: MailerDep,
    ) -> Filed:
        report = parse_model(ReportOnBehalf, data.report, "report.")
        result = await filing.file_report(
            municipality,
            actor,
            report,
            await photo_bytes(data.photos),
            store=photo_store(settings),
            mailer=mailer,
            links=SpaLinks(settings.base_url),
            channel=report.channel,
            on_behalf=True,
        )
        return Filed(
            id=result.report_id,
            needs_confirmation=False,
            detail_de="Die Meldung ist aufgenommen und weitergeleitet.",
            detail_en="The report has been filed and routed.",
        )

    @post(
        "/open311-keys",
        operation_id="issueOpen311Key",
        guards=[ADMIN],
        status_code=201,
        summary="Issue an Open311 API key for this municipality (shown once); trusted: reporters count as confirmed",
    )
    async def issue_key(
        self, slug: FromPath[str], municipality: MunicipalityDep, data: JSONBody[ApiKeyCreate], actor: ActorDep
    ) -> ApiKeyIssued:
        _only_admins(actor)
        key_id, key = await apikeys.issue_key(municipality.id, data.label, trusted=data.trusted, actor_id=actor.id)
        return ApiKeyIssued(id=key_id, label=data.label, trusted=data.trusted, api_key=key)

    @get(
        "/open311-keys",
        operation_id="listOpen311Keys",
        guards=[ADMIN],
        summary="The municipality's Open311 keys (never the keys themselves), with their requests of the last hour",
    )
    async def list_keys(self, slug: FromPath[str], municipality: MunicipalityDep, actor: ActorDep) -> list[ApiKey]:
        _only_admins(actor)
        return await apikeys.list_keys(municipality.id)

    @patch(
        "/open311-keys/{key_id:int}",
        operation_id="updateOpen311Key",
        guards=[ADMIN],
        summary="Mark a key as a trusted partner (its reporters count as confirmed) or not",
    )
    async def update_key(
        self,
        slug: FromPath[str],
        municipality: MunicipalityDep,
        key_id: PathId,
        data: JSONBody[ApiKeyUpdate],
        actor: ActorDep,
    ) -> list[ApiKey]:
        _only_admins(actor)
        await apikeys.set_trusted(municipality.id, key_id, data.trusted, actor_id=actor.id)
        return await apikeys.list_keys(municipality.id)

    @delete(
        "/open311-keys/{key_id:int}",
        operation_id="revokeOpen311Key",
        guards=[ADMIN],
        status_code=204,
        summary="Revoke a key: it stops working at once; its reports stay",
    )
    async def revoke_key(
        self, slug: FromPath[str], municipality: MunicipalityDep, key_id: PathId, actor: ActorDep
    ) -> None:
        _only_admins(actor)
        await apikeys.revoke_key(municipality.id, key_id, actor_id=actor.id)
