"""The Mängelmelder for residents: categories, filing and confirming reports, map and list, details, affected."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from litestar import Controller, Response, get, post
from litestar.params import FromPath, HeaderParameter, JSONBody, MultipartBody, Parameter
from pydantic import BaseModel, Field

from backend import idempotency
from backend.accounts.schemas import TokenOnly
from backend.auth import public, requires_login, requires_role
from backend.dependencies import ActorDep, LinksDep, MailerDep, MunicipalityDep, SettingsDep
from backend.links import post_office
from backend.paging import CursorParam
from backend.params import PathId, QueryId
from backend.uploads import ReportForm, parse_model, photo_bytes, photo_store
from contributions.schemas import Following
from defects.schemas import Category, CategoryCreate, Filed, Nearby, Question, Report, ReportCreate
from defects.services import Group, affected, alerts, categories, filing, follow_report, legend, map_and_list, reading
from geo import clock
from geo.bbox import BBox
from geo.roles import Role

BERLIN = ZoneInfo("Europe/Berlin")


def category_out(row: dict[str, Any]) -> Category:
    return Category(
        code=row["code"],
        name_de=row["name_de"],
        name_en=row["name_en"],
        description_de=row["description_de"],
        description_en=row["description_en"],
        icon=row["icon"],
        department=row.get("department_name"),
        questions=[Question.model_validate(q) for q in categories.questions_of(row)],
        duplicate_radius_m=row["duplicate_radius_m"],
    )


def filed_notice(result: filing.Filing) -> Filed:
    if result.needs_confirmation:
        return Filed(
            id=result.report_id,
            needs_confirmation=True,
            detail_de="Fast geschafft: Bitte bestätigen Sie Ihre Meldung mit dem Link, den wir Ihnen gemailt haben.",
            detail_en="Almost done: please confirm your report with the link we have e-mailed you.",
        )
    if result.responsible_elsewhere:
        return Filed(
            id=result.report_id,
            needs_confirmation=False,
            detail_de=f"Danke! Hierfür ist eine andere Stelle zuständig: {result.responsible_elsewhere}. "
            "Bitte wenden Sie sich direkt dorthin.",
            detail_en=f"Thank you! Another body is responsible for this: {result.responsible_elsewhere}. "
            "Please contact them directly.",
        )
    return Filed(
        id=result.report_id,
        needs_confirmation=False,
        detail_de="Danke! Ihre Meldung ist eingegangen und an die zuständige Stelle weitergeleitet.",
        detail_en="Thank you! Your report has been received and sent to the responsible office.",
    )


class AffectedCount(BaseModel):
    affected_count: int = Field(description="How many people are affected too (public)")


def day_start(value: date | None) -> datetime | None:
    return datetime.combine(value, time.min, tzinfo=BERLIN) if value else None


class DefectController(Controller):
    path = "/api/v1/municipalities/{slug:str}"
    tags = ["defects"]

    @get("/defect-categories", operation_id="listDefectCategories", guards=[public], summary="Report categories")
    async def list_categories(
        self,
        slug: FromPath[str],
        municipality: MunicipalityDep,
    ) -> list[Category]:
        return [category_out(r) for r in await categories.list_categories(municipality.id)]

    @post(
        "/defect-categories",
        operation_id="createDefectCategory",
        guards=[requires_role(Role.ADMIN)],
        summary="Add a report category with its department and extra questions",
    )
    async def create_category(
        self, slug: FromPath[str], municipality: MunicipalityDep, data: JSONBody[CategoryCreate]
    ) -> Category:
        await categories.create_category(municipality.id, data)
        return category_out(await categories.get_category(municipality.id, data.code))

    @get(
        "/defect-statuses",
        operation_id="listDefectStatuses",
        guards=[public],
        summary="The status workflow: statuses, their group (open/closed), labels and allowed next statuses",
    )
    async def statuses(
        self,
        slug: FromPath[str],
        municipality: MunicipalityDep,
    ) -> list[dict[str, Any]]:
        return legend()

    @post(
        "/reports",
        operation_id="fileReport",
        guards=[public],
        status_code=201,
        summary="File a report (multipart: `report` JSON, up to three `photos`); anonymous ones are confirmed by mail",
        description="Send an `Idempotency-Key` (e.g. a UUID) to retry safely after a lost answer: a repeat with "
        "the same key and content files nothing and gets the first answer (header `Idempotent-Replayed: true`).",
    )
    async def file_report(
        self,
        slug: FromPath[str],
        municipality: MunicipalityDep,
        data: MultipartBody[ReportForm],
        actor: ActorDep,
        settings: SettingsDep,
        mailer: MailerDep,
        links: LinksDep,
        idempotency_key: Annotated[
            str | None,
            HeaderParameter(
                name=idempotency.HEADER,
                required=False,
                pattern=idempotency.KEY_PATTERN,
                description="Any unique string per report (a UUID): a retry with it files nothing twice",
            ),
        ] = None,
    ) -> Response[Filed]:
        report = parse_model(ReportCreate, data.report, "report.")
        photos = await photo_bytes(data.photos)

        async def file() -> Filed:
            result = await filing.file_report(
                municipality, actor, report, photos, store=photo_store(settings), mailer=mailer, links=links
            )
            await alerts.deliver_alerts(municipality, post=post_office(settings, mailer))  # when public at once
            return filed_notice(result)

        scope = f"fileReport:{municipality.id}:{actor.user_id or 'anonymous'}"
        content = idempotency.fingerprint(data.report, photos)
        answer, repeated = await idempotency.once(idempotency_key, scope, content, Filed, file)
        return Response(answer, status_code=201, headers={"Idempotent-Replayed": "true"} if repeated else None)

    @post(
        "/reports/confirm",
        operation_id="confirmReport",
        guards=[public],
        status_code=200,
        summary="Confirm an anonymous report with the mailed token",
    )
    async def confirm(
        self,
        slug: FromPath[str],
        municipality: MunicipalityDep,
        data: JSONBody[TokenOnly],
        links: LinksDep,
        mailer: MailerDep,
        settings: SettingsDep,
    ) -> Filed:
        report_id = await filing.confirm_report(slug, data.token, mailer=mailer, links=links)
        await alerts.deliver_alerts(municipality, post=post_office(settings, mailer))
        return Filed(
            id=report_id,
            needs_confirmation=False,
            detail_de="Danke! Ihre Meldung ist bestätigt und an die zuständige Stelle weitergeleitet.",
            detail_en="Thank you! Your report is confirmed and has been sent to the responsible office.",
        )

    @get(
        "/reports",
        operation_id="listReports",
        guards=[public],
        summary="Reports as a GeoJSON FeatureCollection (id, category, status, point), or grid clusters by zoom",
    )
    async def list_reports(
        self,
        slug: FromPath[str],
        municipality: MunicipalityDep,
        actor: ActorDep,
        bbox: str | None = Parameter(default=None, description="west,south,east,north"),
        category: str | None = Parameter(default=None, max_length=64),
        status_group: Group | None = Parameter(default=None),
        status: str | None = Parameter(default=None, max_length=20),
        district: QueryId = None,
        since: date | None = Parameter(default=None, description="created on or after this day"),
        until: date | None = Parameter(default=None, description="created on or before this day"),
        zoom: int | None = Parameter(default=None, ge=0, le=22, description="map zoom; below 16: clusters"),
        limit: int = Parameter(default=500, ge=1, le=map_and_list.MAX_LIMIT),
        cursor: CursorParam = None,
        details: bool = Parameter(
            default=False, description="for the list: also day, street, district, excerpt and a photo thumbnail"
        ),
    ) -> dict[str, Any]:
        until_end = clock.next_midnight(until, BERLIN) if until else None
        f = map_and_list.MapFilter(
            bbox=BBox.parse(bbox) if bbox else None,
            category=category,
            group=status_group,
            status=status,
            district_id=district,
            since=day_start(since),
            until=until_end,
        )
        if zoom is not None and zoom < map_and_list.CLUSTER_BELOW_ZOOM:
            return await map_and_list.cluster_features(municipality, actor, f, zoom=zoom)
        return await map_and_list.report_features(municipality, actor, f, limit=limit, cursor=cursor, details=details)

    @get(
        "/reports/nearby",
        operation_id="nearbyReports",
        guards=[public],
        summary="Open reports of a category near a point (last 90 days): 'affects me too' instead of a duplicate",
    )
    async def nearby(
        self,
        slug: FromPath[str],
        municipality: MunicipalityDep,
        category: str = Parameter(max_length=64),
        lat: float = Parameter(ge=-90, le=90),
        lon: float = Parameter(ge=-180, le=180),
    ) -> list[Nearby]:
        return await affected.nearby_open(municipality, category, lat, lon)

    @get(
        "/reports/{report_id:int}",
        operation_id="getReport",
        guards=[public],
        summary="A report with photos and status history (contact only for staff)",
    )
    async def get_report(
        self, slug: FromPath[str], municipality: MunicipalityDep, report_id: PathId, actor: ActorDep
    ) -> Report:
        return await reading.report_detail(municipality, report_id, actor)

    @post(
        "/reports/{report_id:int}/affected",
        operation_id="markReportAffected",
        guards=[requires_login],
        status_code=200,
        summary="'Betrifft mich auch': count me as affected and let me follow the report",
    )
    async def mark_affected(
        self, slug: FromPath[str], municipality: MunicipalityDep, report_id: PathId, actor: ActorDep
    ) -> AffectedCount:
        count = await affected.mark_affected(municipality, report_id, actor)
        return AffectedCount(affected_count=count)

    @post(
        "/reports/{report_id:int}/follow",
        operation_id="followReport",
        guards=[requires_login],
        status_code=200,
        summary="Follow a report: a mail on every status change (as my notification setting says)",
    )
    async def follow(
        self, slug: FromPath[str], municipality: MunicipalityDep, report_id: PathId, actor: ActorDep
    ) -> Following:
        return await follow_report(municipality, report_id, actor, True)

    @post(
        "/reports/{report_id:int}/unfollow",
        operation_id="unfollowReport",
        guards=[requires_login],
        status_code=200,
        summary="Stop following a report",
    )
    async def unfollow(
        self, slug: FromPath[str], municipality: MunicipalityDep, report_id: PathId, actor: ActorDep
    ) -> Following:
        return await follow_report(municipality, report_id, actor, False)
