"""The back office's mail section: the municipality's outbox, and the reply templates staff insert."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, delete, get, post, put
from litestar.params import JSONBody, QueryParameter

from backend.auth import requires_role
from backend.dependencies import ActorDep, MunicipalityDep
from backend.mail import admin as outbox
from backend.mail.admin import OutboxMail
from backend.paging import DEFAULT_LIMIT, CursorParam, LimitParam
from backend.params import PathId
from defects.schemas import ReplyTemplate, ReplyTemplateIn
from defects.services import reply_templates
from geo.paging import Page
from geo.roles import Role

ADMINS = requires_role(Role.ADMIN)


class OutboxController(Controller):
    path = "/api/v1/municipalities/{slug:str}/mails"
    tags = ["mail"]
    guards = [ADMINS]

    @get("/", operation_id="listOutbox", summary="Mails sent for this municipality and how delivery went, newest first")
    async def list_mails(
        self,
        municipality: MunicipalityDep,
        recipient: Annotated[str, QueryParameter(max_length=254, description="Part of the recipient's address")] = "",
        cursor: CursorParam = None,
        limit: LimitParam = DEFAULT_LIMIT,
    ) -> Page[OutboxMail]:
        return await outbox.outbox(municipality.id, recipient=recipient, cursor=cursor, limit=limit)


class ReplyTemplateController(Controller):
    """Staff read the templates (the status form offers them); admins keep them."""

    path = "/api/v1/municipalities/{slug:str}/reply-templates"
    tags = ["mail"]
    guards = [requires_role(Role.STAFF, Role.ADMIN)]

    @get("/", operation_id="listReplyTemplates", summary="The municipality's reply templates, by name")
    async def list_templates(self, municipality: MunicipalityDep) -> list[ReplyTemplate]:
        return await reply_templates.list_templates(municipality.id)

    @post("/", operation_id="createReplyTemplate", guards=[ADMINS], status_code=201, summary="Add a reply template")
    async def create(
        self, municipality: MunicipalityDep, data: JSONBody[ReplyTemplateIn], actor: ActorDep
    ) -> ReplyTemplate:
        return await reply_templates.create(municipality.id, data, actor_id=actor.id)

    @put("/{template_id:int}", operation_id="updateReplyTemplate", guards=[ADMINS], summary="Change a reply template")
    async def update(
        self, municipality: MunicipalityDep, template_id: PathId, data: JSONBody[ReplyTemplateIn], actor: ActorDep
    ) -> ReplyTemplate:
        return await reply_templates.update(municipality.id, template_id, data, actor_id=actor.id)

    @delete(
        "/{template_id:int}",
        operation_id="deleteReplyTemplate",
        guards=[ADMINS],
        status_code=204,
        summary="Remove a reply template",
    )
    async def remove(self, municipality: MunicipalityDep, template_id: PathId, actor: ActorDep) -> None:
        await reply_templates.remove(municipality.id, template_id, actor_id=actor.id)
