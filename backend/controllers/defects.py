"""The Mängelmelder for residents: categories, filing and confirming reports, map and list, details, support."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from litestar import Controller, get, post
from litestar.params import FromPath, JSONBody, MultipartBody, Parameter
from pydantic import BaseModel, Field

from backend.accounts.schemas import TokenOnly
from backend.auth import public, requires_login, requires_role
from backend.defects_support import viewer_for
from backend.dependencies import AccountDep, MailerDep, SettingsDep
from backend.uploads import ReportForm, parse_model, photo_bytes, photo_store
from defects import categories, filing, mapping, reading, support
from defects.jsonvalue import json_value
from defects.schemas import Category, CategoryCreate, Filed, Nearby, Report, ReportCreate
from defects.workflow import Group, legend
from geo import services as geo
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
        questions=json_value(row["questions"]) or [],
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
    return Filed(
        id=result.report_id,
        needs_confirmation=False,
        detail_de="Danke! Ihre Meldung ist eingegangen und an die zuständige Stelle weitergeleitet.",
        detail_en="Thank you! Your report has been received and sent to the responsible office.",
    )


class Support(BaseModel):
    support_count: int = Field(description="How many people are affected too (public)")


def day_start(value: date | None) -> datetime | None:
    return datetime.combine(value, time.min, tzinfo=BERLIN) if value else None


class DefectController(Controller):
    path = "/api/v1/municipalities/{slug:str}"
    tags = ["defects"]

    @get("/defect-categories", operation_id="listDefectCategories", guards=[public], summary="Report categories")
    async def list_categories(self, slug: FromPath[str]) -> list[Category]:
        municipality = await geo.get_municipality(slug)
        return [category_out(r) for r in await categories.list_categories(municipality.id)]

    @post(
        "/defect-categories",
        operation_id="createDefectCategory",
        guards=[requires_role(Role.ADMIN)],
        summary="Add a report category with its department and extra questions",
    )
    async def create_category(self, slug: FromPath[str], data: JSONBody[CategoryCreate]) -> Category:
        municipality = await geo.get_municipality(slug)
        await categories.create_category(municipality.id, data)
        return category_out(await categories.get_category(municipality.id, data.code))

    @get(
        "/defect-statuses",
        operation_id="listDefectStatuses",
        guards=[public],
        summary="The status workflow: statuses, their group (open/closed), labels and allowed next statuses",
    )
    async def statuses(self, slug: FromPath[str]) -> list[dict[str, Any]]:
        await geo.get_municipality(slug)
        return legend()

    @post(
        "/reports",
        operation_id="fileReport",
        guards=[public],
        status_code=201,
        summary="File a report (multipart: `report` JSON, up to three `photos`); anonymous ones are confirmed by mail",
    )
    async def file_report(
        self,
        slug: FromPath[str],
        data: MultipartBody[ReportForm],
        account: AccountDep,
        settings: SettingsDep,
        mailer: MailerDep,
    ) -> Filed:
        municipality = await geo.get_municipality(slug)
        report = parse_model(ReportCreate, data.report, "report.")
        result = await filing.file_report(
            municipality,
            await viewer_for(account, municipality),
            report,
            await photo_bytes(data.photos),
            store=photo_store(settings),
            mailer=mailer,
            base_url=settings.base_url,
        )
        return filed_notice(result)

    @post(
        "/reports/confirm",
        operation_id="confirmReport",
        guards=[public],
        status_code=200,
        summary="Confirm an anonymous report with the mailed token",
    )
    async def confirm(
        self, slug: FromPath[str], data: JSONBody[TokenOnly], settings: SettingsDep, mailer: MailerDep
    ) -> Filed:
        report_id = await filing.confirm_report(slug, data.token, mailer=mailer, base_url=settings.base_url)
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
        account: AccountDep,
        bbox: str | None = Parameter(default=None, description="west,south,east,north"),
        category: str | None = Parameter(default=None, max_length=64),
        status_group: Group | None = Parameter(default=None),
        status: str | None = Parameter(default=None, max_length=20),
        district: int | None = Parameter(default=None),
        since: date | None = Parameter(default=None, description="created on or after this day"),
        until: date | None = Parameter(default=None, description="created on or before this day"),
        zoom: int | None = Parameter(default=None, ge=0, le=22, description="map zoom; below 16: clusters"),
        limit: int = Parameter(default=500, ge=1, le=mapping.MAX_LIMIT),
        cursor: int | None = Parameter(default=None, description="next_cursor of the previous page"),
    ) -> dict[str, Any]:
        municipality = await geo.get_municipality(slug)
        viewer = await viewer_for(account, municipality)
        until_end = day_start(until.fromordinal(until.toordinal() + 1)) if until else None
        f = mapping.MapFilter(
            bbox=BBox.parse(bbox) if bbox else None,
            category=category,
            group=status_group,
            status=status,
            district_id=district,
            since=day_start(since),
            until=until_end,
        )
        if zoom is not None and zoom < mapping.CLUSTER_BELOW_ZOOM:
            return await mapping.cluster_features(municipality, viewer, f, zoom=zoom)
        return await mapping.report_features(municipality, viewer, f, limit=limit, cursor=cursor)

    @get(
        "/reports/nearby",
        operation_id="nearbyReports",
        guards=[public],
        summary="Open reports of a category near a point (last 90 days), to support instead of filing a duplicate",
    )
    async def nearby(
        self,
        slug: FromPath[str],
        category: str = Parameter(max_length=64),
        lat: float = Parameter(ge=-90, le=90),
        lon: float = Parameter(ge=-180, le=180),
    ) -> list[Nearby]:
        municipality = await geo.get_municipality(slug)
        return await support.nearby_open(municipality, category, lat, lon)

    @get(
        "/reports/{report_id:int}",
        operation_id="getReport",
        guards=[public],
        summary="A report with photos and status history (contact only for staff)",
    )
    async def get_report(self, slug: FromPath[str], report_id: FromPath[int], account: AccountDep) -> Report:
        municipality = await geo.get_municipality(slug)
        return await reading.report_detail(municipality, report_id, await viewer_for(account, municipality))

    @post(
        "/reports/{report_id:int}/support",
        operation_id="supportReport",
        guards=[requires_login],
        status_code=200,
        summary="'Betrifft mich auch': count me as affected and let me follow the report",
    )
    async def support_report(self, slug: FromPath[str], report_id: FromPath[int], account: AccountDep) -> Support:
        municipality = await geo.get_municipality(slug)
        count = await support.support(municipality, report_id, await viewer_for(account, municipality))
        return Support(support_count=count)
