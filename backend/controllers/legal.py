"""The legal pages of a municipality: public reading, the admins' editing, the accessibility feedback form."""

from __future__ import annotations

from typing import Literal
from urllib.parse import urlsplit

from litestar import Controller, get, post, put
from litestar.params import FromPath, JSONBody, Parameter

from backend.accounts.services import RESET, TOKEN_LIFETIME, VERIFY
from backend.auth import public, requires_role
from backend.dependencies import ActorDep, MailerDep, MunicipalityDep, SettingsDep
from backend.settings import Settings
from defects.services.cleanup import UNCONFIRMED_DAYS
from geo.roles import Role
from legal import services as legal
from legal.kinds import Kind
from legal.schemas import (
    AccessibilityFeedback,
    LegalDetails,
    LegalDetailsUpdate,
    LegalOverview,
    LegalPage,
    LegalPageDraft,
    LegalPageUpdate,
    LegalTemplate,
    PublishedPages,
)
from moderation import audit

ADMINS = requires_role(Role.ADMIN)


def facts(settings: Settings) -> legal.Facts:
    """What the privacy template promises, read from the settings and the code that keeps the promise."""
    return legal.Facts(
        session_days=settings.session_max_age_seconds // 86400,
        idle_minutes=settings.session_idle_timeout_seconds // 60,
        unconfirmed_days=UNCONFIRMED_DAYS,
        verify_hours=int(TOKEN_LIFETIME[VERIFY].total_seconds() // 3600),
        reset_hours=int(TOKEN_LIFETIME[RESET].total_seconds() // 3600),
        tiles=urlsplit(settings.tile_url).hostname or "" if settings.tile_url else "",
    )


class LegalController(Controller):
    path = "/api/v1/municipalities/{slug:str}/legal"
    tags = ["legal"]

    @get("/", operation_id="listLegalPages", guards=[public], summary="Which legal pages are published")
    async def published_kinds(self, municipality: MunicipalityDep) -> PublishedPages:
        return PublishedPages(kinds=await legal.published_kinds(municipality.id))

    @get(
        "/admin",
        operation_id="getLegalOverview",
        guards=[ADMINS],
        summary="Every legal page with its draft and published state, the template details, the listing state",
    )
    async def overview(self, municipality: MunicipalityDep) -> LegalOverview:
        return await legal.overview(municipality.id)

    @put("/details", operation_id="updateLegalDetails", guards=[ADMINS], summary="The details the templates fill in")
    async def update_details(
        self, municipality: MunicipalityDep, data: JSONBody[LegalDetailsUpdate], actor: ActorDep
    ) -> LegalDetails:
        return await legal.update_details(municipality.id, data, user_id=actor.id, audit=audit.record)

    @post(
        "/accessibility-feedback",
        operation_id="sendAccessibilityFeedback",
        guards=[public],
        status_code=202,
        summary="Report a barrier: mailed to the municipality's contact address",
    )
    async def feedback(
        self, municipality: MunicipalityDep, data: JSONBody[AccessibilityFeedback], mailer: MailerDep
    ) -> None:
        await legal.send_feedback(municipality, data, mailer=mailer)

    @get("/{kind:str}", operation_id="getLegalPage", guards=[public], summary="A published legal page (rendered)")
    async def page(self, municipality: MunicipalityDep, kind: FromPath[Kind]) -> LegalPage:
        return await legal.published(municipality.id, kind)

    @get(
        "/{kind:str}/draft",
        operation_id="getLegalDraft",
        guards=[ADMINS],
        summary="A legal page as its admins edit it (Markdown)",
    )
    async def draft(self, municipality: MunicipalityDep, kind: FromPath[Kind]) -> LegalPageDraft:
        return await legal.page_for_admin(municipality.id, kind)

    @put("/{kind:str}/draft", operation_id="saveLegalDraft", guards=[ADMINS], summary="Save a legal page's draft")
    async def save_draft(
        self, municipality: MunicipalityDep, kind: FromPath[Kind], data: JSONBody[LegalPageUpdate], actor: ActorDep
    ) -> LegalPageDraft:
        return await legal.save_draft(municipality.id, kind, data.body, user_id=actor.id, audit=audit.record)

    @post(
        "/{kind:str}/publish",
        operation_id="publishLegalPage",
        guards=[ADMINS],
        status_code=200,
        summary="Publish the draft as the page's new version",
    )
    async def publish(self, municipality: MunicipalityDep, kind: FromPath[Kind], actor: ActorDep) -> LegalPageDraft:
        return await legal.publish(municipality.id, kind, user_id=actor.id, audit=audit.record)

    @get(
        "/{kind:str}/template",
        operation_id="getLegalTemplate",
        guards=[ADMINS],
        summary="A starting text for the page, filled from the municipality's data",
    )
    async def template(
        self,
        municipality: MunicipalityDep,
        kind: FromPath[Kind],
        settings: SettingsDep,
        lang: Literal["de", "en"] = Parameter(default="de"),
    ) -> LegalTemplate:
        body = await legal.template(municipality, kind, lang, facts(settings))
        return LegalTemplate(kind=kind, lang=lang, body=body)
