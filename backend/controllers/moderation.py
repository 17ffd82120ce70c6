"""The moderation queue, decisions, claims and flags per municipality: thin handlers over moderation.services."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from litestar import Controller, get, post
from litestar.params import FromPath, JSONBody, Parameter, QueryParameter

from backend.auth import public, requires_login, requires_role
from backend.dependencies import ActorDep, MailerDep, MunicipalityDep, RegistryDep, SettingsDep
from backend.paging import CursorParam, LimitParam
from backend.params import PathId, QueryId
from contributions.registry import Registry
from geo.roles import Role
from moderation import reasons
from moderation import services as moderation
from moderation.items import reason_of
from moderation.schemas import (
    BulkDecisionCreate,
    BulkResult,
    DecisionCreate,
    FlagCreate,
    FlagResult,
    ItemDetail,
    QueueCounts,
    QueueItem,
    QueuePage,
    Reason,
    ReasonCatalogue,
)

MODERATORS = requires_role(Role.MODERATOR, Role.ADMIN)
ADMINS = requires_role(Role.ADMIN)


def _labels(table: dict[str, tuple[str, str]]) -> list[Reason]:
    return [Reason(code=code, label_de=de, label_en=en) for code, (de, en) in table.items()]


async def with_context(registry: Registry, municipality_id: int, items: list[QueueItem]) -> list[QueueItem]:
    """Each item with the title of its consultation and of what it belongs to, from the content registry."""
    parents = await registry.parents_of((item.content_type, item.content_id) for item in items)
    titles = await registry.titles_of_contexts(
        municipality_id, (item.context_id for item in items if item.context_id is not None)
    )
    return [
        item.model_copy(
            update={
                "parent_title": parents.get((item.content_type, item.content_id)),
                "context_title": titles.get(item.context_id) if item.context_id is not None else None,
            }
        )
        for item in items
    ]


class FlagController(Controller):
    """What every resident's screen needs: the reasons to choose from, and the flag itself."""

    path = "/api/v1/municipalities/{slug:str}/moderation"
    tags = ["moderation"]

    @get(
        "/reasons",
        operation_id="listModerationReasons",
        guards=[public],
        summary="Queue, flag and reject reasons with German and English labels",
    )
    async def reason_catalogue(self, slug: FromPath[str]) -> ReasonCatalogue:
        return ReasonCatalogue(
            queue=[reason_of(code) for code in reasons.QUEUE_REASONS],
            flag=_labels(reasons.FLAG_REASONS),
            reject=_labels(reasons.REJECT_REASONS),
        )

    @post(
        "/flags",
        operation_id="flagContent",
        guards=[requires_login],
        status_code=201,
        summary="Flag a public contribution to the moderators (once per person)",
    )
    async def flag(self, municipality: MunicipalityDep, data: JSONBody[FlagCreate], actor: ActorDep) -> FlagResult:
        return await moderation.flag(municipality.id, actor.id, data)


class ModerationController(Controller):
    path = "/api/v1/municipalities/{slug:str}/moderation"
    tags = ["moderation"]
    guards = [MODERATORS]

    @get("/queue", operation_id="getModerationQueue", summary="Items waiting for a moderator, oldest first")
    async def queue(
        self,
        municipality: MunicipalityDep,
        content_type: Annotated[str | None, QueryParameter(name="type", max_length=32)] = None,
        reason: str | None = Parameter(default=None, max_length=32),
        context: QueryId = None,
        visibility: str | None = Parameter(default=None, max_length=16),
        min_age_hours: int | None = Parameter(default=None, ge=0, le=24 * 365),
        cursor: CursorParam = None,
        limit: LimitParam = 25,
        *,
        registry: RegistryDep,
    ) -> QueuePage:
        filters = moderation.QueueFilter(content_type, reason, context, visibility, min_age_hours)
        found = await moderation.page(municipality.id, filters, cursor=cursor, limit=limit)
        return found.model_copy(update={"items": await with_context(registry, municipality.id, found.items)})

    @get("/queue/counts", operation_id="countModerationQueue", summary="Waiting items per type, reason, context")
    async def queue_counts(
        self,
        municipality: MunicipalityDep,
        content_type: Annotated[str | None, QueryParameter(name="type", max_length=32)] = None,
        reason: str | None = Parameter(default=None, max_length=32),
        context: QueryId = None,
        visibility: str | None = Parameter(default=None, max_length=16),
        min_age_hours: int | None = Parameter(default=None, ge=0, le=24 * 365),
        *,
        registry: RegistryDep,
    ) -> QueueCounts:
        filters = moderation.QueueFilter(content_type, reason, context, visibility, min_age_hours)
        found = await moderation.counts(municipality.id, filters)
        ids = [int(key) for key in found.by_context if key.isdigit()]
        titles = await registry.titles_of_contexts(municipality.id, ids)
        return found.model_copy(update={"context_titles": {str(key): title for key, title in titles.items()}})

    @get("/items/{item_id:int}", operation_id="getModerationItem", summary="One item with its flags and history")
    async def item(self, municipality: MunicipalityDep, item_id: PathId, registry: RegistryDep) -> ItemDetail:
        found = await moderation.get_item(municipality.id, item_id)
        return ItemDetail(
            item=(await with_context(registry, municipality.id, [found]))[0],
            flags=await moderation.flags_of(item_id),
            history=await moderation.history(municipality.id, item_id),
        )

    @post(
        "/items/{item_id:int}/claim",
        operation_id="claimModerationItem",
        status_code=200,
        summary="Take an item for 15 minutes so no one else works on it",
    )
    async def claim(self, municipality: MunicipalityDep, item_id: PathId, actor: ActorDep) -> QueueItem:
        return await moderation.claim(municipality.id, item_id, actor.id)

    @post(
        "/items/{item_id:int}/release",
        operation_id="releaseModerationItem",
        status_code=200,
        summary="Give a claimed item back to the queue",
    )
    async def release(self, municipality: MunicipalityDep, item_id: PathId, actor: ActorDep) -> QueueItem:
        return await moderation.release(municipality.id, item_id, actor.id)

    @post(
        "/items/{item_id:int}/decision",
        operation_id="decideModerationItem",
        status_code=200,
        summary="Approve, reject (with a reason), hide, restore or redact one item; the author is mailed",
    )
    async def decide(
        self,
        municipality: MunicipalityDep,
        item_id: PathId,
        data: JSONBody[DecisionCreate],
        actor: ActorDep,
        mailer: MailerDep,
        settings: SettingsDep,
    ) -> QueueItem:
        return await moderation.decide(
            municipality.id,
            item_id,
            actor.id,
            data,
            mailer=mailer,
            base_url=settings.base_url,
            media_dir=settings.media_dir,
            mail_quiet=timedelta(seconds=settings.moderation_mail_quiet_seconds),
        )

    @post(
        "/decisions",
        operation_id="decideModerationItems",
        status_code=200,
        summary="The same decision on many items, all or nothing",
    )
    async def decide_many(
        self,
        municipality: MunicipalityDep,
        data: JSONBody[BulkDecisionCreate],
        actor: ActorDep,
        mailer: MailerDep,
        settings: SettingsDep,
    ) -> BulkResult:
        decision = DecisionCreate(action=data.action, reason=data.reason, text=data.text)
        decided = await moderation.decide_many(
            municipality.id,
            data.item_ids,
            actor.id,
            decision,
            mailer=mailer,
            base_url=settings.base_url,
            mail_quiet=timedelta(seconds=settings.moderation_mail_quiet_seconds),
        )
        return BulkResult(decided=decided)
