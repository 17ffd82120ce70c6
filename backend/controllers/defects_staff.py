"""The Mängelmelder for staff: the department queue, status changes, filing on someone's behalf, API keys."""

from __future__ import annotations

from datetime import timedelta

from litestar import Controller, get, post
from litestar.params import FromPath, JSONBody, MultipartBody, Parameter

from backend.auth import requires_role
from backend.dependencies import ActorDep, MailerDep, MunicipalityDep, SettingsDep
from backend.links import SpaLinks, post_office
from backend.paging import DEFAULT_LIMIT, CursorParam, LimitParam
from backend.params import PathId
from backend.uploads import ReportForm, parse_model, photo_bytes, photo_store
from defects.schemas import ApiKeyCreate, ApiKeyIssued, Filed, QueueItem, Report, ReportOnBehalf, StatusUpdate
from defects.services import Group, apikeys, change_status, filing, may_manage, reading
from geo.errors import Forbidden
from geo.paging import Page
from geo.roles import Role

STAFF = requires_role(Role.STAFF, Role.ADMIN)


class DefectStaffController(Controller):
    path = "/api/v1/municipalities/{slug:str}"
    tags = ["defects (staff)"]

    @get(
        "/defect-queue",
        operation_id="defectQueue",
        guards=[STAFF],
        summary="Confirmed reports of my departments (admins: all), oldest first, overdue ones marked",
    )
    async def queue(
        self,
        slug: FromPath[str],
        municipality: MunicipalityDep,
        actor: ActorDep,
        settings: SettingsDep,
        status_group: Group | None = Parameter(default=Group.OPEN),
        cursor: CursorParam = None,
        limit: LimitParam = DEFAULT_LIMIT,
    ) -> Page[QueueItem]:
        overdue_after = timedelta(days=settings.defect_reminder_days)
        return await reading.queue(municipality, actor, status_group, overdue_after, cursor=cursor, limit=limit)

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
        guards=[requires_role(Role.ADMIN)],
        status_code=201,
        summary="Issue an Open311 API key for this municipality (shown once)",
    )
    async def issue_key(
        self, slug: FromPath[str], municipality: MunicipalityDep, data: JSONBody[ApiKeyCreate], actor: ActorDep
    ) -> ApiKeyIssued:
        if not may_manage(actor):
            raise Forbidden("Nur die Verwaltung darf Schlüssel ausgeben.", "Only admins may issue keys.")
        key_id, key = await apikeys.issue_key(municipality.id, data.label)
        return ApiKeyIssued(id=key_id, label=data.label, api_key=key)
