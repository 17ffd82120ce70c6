"""The resident's word after filing (issue 13 §3): updates, reopening, the "Ist der Mangel behoben?" answer,
area alerts by mail and as an Atom feed."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any

from litestar import Controller, Response, delete, get, post
from litestar.datastructures import UploadFile
from litestar.params import FromPath, JSONBody, MultipartBody, Parameter
from pydantic import BaseModel

from backend.auth import public, requires_login
from backend.dependencies import ActorDep, LinksDep, MailerDep, MunicipalityDep, SettingsDep
from backend.links import SpaLinks, post_office
from backend.open311.render import timestamp, xml_safe
from backend.params import PathId, QueryId
from backend.uploads import photo_bytes, photo_store
from defects.schemas import (
    AreaAlertCreate,
    AreaAlertOut,
    FixAnswerIn,
    FixQuestionOut,
    ReopenRequest,
    Report,
    ReportUpdateOut,
    TokenIn,
    UpdateCreate,
)
from defects.services import alerts, label, reading, reopening, updates

ATOM = "http://www.w3.org/2005/Atom"
ATOM_TYPE = "application/atom+xml"


@dataclass
class UpdatePhotosForm:
    """multipart/form-data: `photos`, up to three image files."""

    photos: list[UploadFile] = field(default_factory=list)


class AlertEnded(BaseModel):
    detail_de: str
    detail_en: str


def alert_out(row: dict[str, Any], links: SpaLinks, slug: str) -> AreaAlertOut:
    if row["district"] is not None:
        query = f"district={row['district']}"
    else:
        query = f"lat={row['lat']}&lon={row['lon']}&radius={row['radius_m']}"
    return AreaAlertOut(
        id=row["id"],
        label=row["label"],
        district_id=row["district"],
        district=row.get("district_name"),
        lat=row["lat"],
        lon=row["lon"],
        radius_m=row["radius_m"],
        feed_url=f"{links.base_url.rstrip('/')}/api/v1/municipalities/{slug}/reports/feed.atom?{query}",
        created_at=row["created_at"],
    )


def atom(title: str, self_url: str, entries: list[dict[str, Any]], links: SpaLinks, slug: str) -> bytes:
    """An Atom 1.0 feed (RFC 4287) built with xml.etree, never by hand; only public fields of public reports."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "de"})

    def sub(parent: ET.Element, name: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{name}", attrs)
        if text is not None:
            element.text = xml_safe(text)
        return element

    sub(feed, "id", self_url)
    sub(feed, "title", title)
    sub(feed, "link", rel="self", href=self_url)
    newest = max((e["updated_at"] for e in entries), default=None)
    sub(feed, "updated", timestamp(newest) or "1970-01-01T00:00:00+00:00")
    author = sub(feed, "author")
    sub(author, "name", "stadtstimme")
    for e in entries:
        link = links.report(slug, e["id"])
        entry = sub(feed, "entry")
        sub(entry, "id", link)
        heading = f"#{e['id']} {e['category_de']}" + (f", {e['address']}" if e["address"] else "")
        sub(entry, "title", heading)
        sub(entry, "link", rel="alternate", href=link)
        sub(entry, "published", timestamp(e["created_at"]))
        sub(entry, "updated", timestamp(e["updated_at"]))
        sub(entry, "summary", f"{label(e['status'])}. {e['description'][:500]}".strip())
        sub(entry, "category", term=e["category_de"])
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


class DefectResidentController(Controller):
    path = "/api/v1/municipalities/{slug:str}"
    tags = ["defects (residents)"]

    @get(
        "/reports/{report_id:int}/updates",
        operation_id="listReportUpdates",
        guards=[public],
        summary="Residents' updates to a report: the public ones, and my own while they wait for moderation",
    )
    async def list_updates(
        self, slug: FromPath[str], municipality: MunicipalityDep, report_id: PathId, actor: ActorDep
    ) -> list[ReportUpdateOut]:
        return await updates.list_updates(municipality, report_id, actor)

    @post(
        "/reports/{report_id:int}/updates",
        operation_id="addReportUpdate",
        guards=[requires_login],
        status_code=201,
        summary="Add an update to an open report (its reporter, people affected, followers); moderated",
    )
    async def add_update(
        self,
        slug: FromPath[str],
        municipality: MunicipalityDep,
        report_id: PathId,
        data: JSONBody[UpdateCreate],
        actor: ActorDep,
        settings: SettingsDep,
        mailer: MailerDep,
    ) -> ReportUpdateOut:
        return await updates.add_update(municipality, report_id, actor, data, post=post_office(settings, mailer))

    @post(
        "/reports/{report_id:int}/updates/{update_id:int}/photos",
        operation_id="addReportUpdatePhotos",
        guards=[requires_login],
        status_code=201,
        summary="Photos for my update of an open report (up to three; metadata removed; each moderated)",
    )
    async def add_update_photos(
        self,
        slug: FromPath[str],
        municipality: MunicipalityDep,
        report_id: PathId,
        update_id: PathId,
        data: MultipartBody[UpdatePhotosForm],
        actor: ActorDep,
        settings: SettingsDep,
        links: LinksDep,
    ) -> ReportUpdateOut:
        return await updates.add_update_photos(
            municipality,
            report_id,
            update_id,
            actor,
            await photo_bytes(data.photos),
            store=photo_store(settings),
            link=links.report(municipality.slug, report_id),
        )

    @post(
        "/reports/{report_id:int}/reopen",
        operation_id="reopenReport",
        guards=[public],
        status_code=200,
        summary="'Nicht behoben': reopen a report closed as fixed, with a reason, within the reopening period "
        "(the reporter by the fix question's token, or logged in as reporter, affected or follower)",
    )
    async def reopen(
        self,
        slug: FromPath[str],
        municipality: MunicipalityDep,
        report_id: PathId,
        data: JSONBody[ReopenRequest],
        actor: ActorDep,
        settings: SettingsDep,
        mailer: MailerDep,
    ) -> Report:
        await reopening.reopen(
            municipality,
            report_id,
            actor,
            data.reason,
            token=data.token,
            reopen_days=settings.defect_reopen_days,
            post=post_office(settings, mailer),
        )
        return await reading.report_detail(municipality, report_id, actor)

    @post(
        "/reports/fix-check",
        operation_id="answerFixQuestion",
        guards=[public],
        status_code=200,
        summary="Answer 'Ist der Mangel behoben?' with the mailed token (ja / nein / teilweise, optional comment)",
    )
    async def answer_fix_question(
        self, slug: FromPath[str], municipality: MunicipalityDep, data: JSONBody[FixAnswerIn], settings: SettingsDep
    ) -> FixQuestionOut:
        return await reopening.answer_if_fixed(municipality, data, reopen_days=settings.defect_reopen_days)

    @get(
        "/area-alerts",
        operation_id="listAreaAlerts",
        guards=[requires_login],
        summary="My area alerts in this municipality",
    )
    async def list_alerts(
        self, slug: FromPath[str], municipality: MunicipalityDep, actor: ActorDep, links: LinksDep
    ) -> list[AreaAlertOut]:
        return [alert_out(r, links, municipality.slug) for r in await alerts.alerts_of(municipality, actor)]

    @post(
        "/area-alerts",
        operation_id="createAreaAlert",
        guards=[requires_login],
        status_code=201,
        summary="Subscribe to new reports in a district or within a radius of a place (mail as my notification "
        "setting says, and an Atom feed)",
    )
    async def create_alert(
        self,
        slug: FromPath[str],
        municipality: MunicipalityDep,
        data: JSONBody[AreaAlertCreate],
        actor: ActorDep,
        links: LinksDep,
    ) -> AreaAlertOut:
        return alert_out(await alerts.subscribe(municipality, actor, data), links, municipality.slug)

    @delete(
        "/area-alerts/{alert_id:int}",
        operation_id="deleteAreaAlert",
        guards=[requires_login],
        status_code=204,
        summary="End one of my area alerts",
    )
    async def delete_alert(
        self, slug: FromPath[str], municipality: MunicipalityDep, alert_id: PathId, actor: ActorDep
    ) -> None:
        await alerts.cancel(municipality, actor, alert_id)

    @get(
        "/reports/feed.atom",
        operation_id="reportsAtomFeed",
        guards=[public],
        media_type=ATOM_TYPE,
        summary="The newest public reports as an Atom feed: of a district, within a radius of a place, or all",
    )
    async def feed(
        self,
        slug: FromPath[str],
        municipality: MunicipalityDep,
        links: LinksDep,
        district: QueryId = None,
        lat: float | None = Parameter(default=None, ge=-90, le=90),
        lon: float | None = Parameter(default=None, ge=-180, le=180),
        radius: int | None = Parameter(default=None, ge=1, le=1_000_000, description="metres (50 to 5000)"),
    ) -> Response[bytes]:
        area = alerts.Area(district_id=district, lat=lat, lon=lon, radius_m=radius)
        rows = await alerts.area_reports(municipality, area)
        query = "&".join(
            f"{k}={v}"
            for k, v in (("district", district), ("lat", lat), ("lon", lon), ("radius", radius))
            if v is not None
        )
        self_url = f"{links.base_url.rstrip('/')}/api/v1/municipalities/{municipality.slug}/reports/feed.atom"
        self_url += f"?{query}" if query else ""
        body = atom(f"Meldungen – {municipality.name}", self_url, rows, links, municipality.slug)
        return Response(body, media_type=ATOM_TYPE)


class AreaAlertUnsubscribeController(Controller):
    path = "/api/v1/area-alerts/unsubscribe"
    tags = ["defects (residents)"]
    guards = [public]

    @post("/", operation_id="unsubscribeAreaAlert", status_code=200, summary="End an area alert with the mailed token")
    async def unsubscribe(self, settings: SettingsDep, data: JSONBody[TokenIn]) -> AlertEnded:
        await alerts.unsubscribe(settings.secret_key, data.token)
        return AlertEnded(
            detail_de="Sie bekommen zu diesem Gebiet keine E-Mails mehr.",
            detail_en="You will no longer receive mail about this area.",
        )
