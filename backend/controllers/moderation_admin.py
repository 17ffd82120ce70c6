"""Moderation's records and settings per municipality: audit log, sanctions, policies, word list, transparency."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from litestar import Controller, get, patch, post, put
from litestar.params import JSONBody, Parameter
from litestar.response import Stream

from backend.auth import requires_role
from backend.controllers.moderation import ADMINS, MODERATORS
from backend.dependencies import ActorDep, MailerDep, MunicipalityDep
from backend.paging import DEFAULT_LIMIT, CursorParam, LimitParam
from backend.params import PathId, QueryId, id_query
from geo.paging import Page
from geo.roles import Role
from moderation import services as moderation
from moderation.schemas import (
    AuditActor,
    AuditEntryOut,
    Policies,
    PoliciesUpdate,
    PolicyOverrideIn,
    SanctionCreate,
    SanctionOut,
    TransparencyRow,
    WordList,
    WordListUpdate,
)


class ModerationAdminController(Controller):
    path = "/api/v1/municipalities/{slug:str}/moderation"
    tags = ["moderation"]
    guards = [MODERATORS]

    @get("/audit", operation_id="listModerationAudit", guards=[ADMINS], summary="The audit log, newest first")
    async def audit(
        self,
        municipality: MunicipalityDep,
        action: str | None = Parameter(default=None, max_length=32),
        acted_by: Annotated[int | None, id_query(name="actor", description="the moderator's user id")] = None,
        item: QueryId = None,
        content_type: str | None = Parameter(default=None, max_length=32, description="e.g. report, proposal"),
        since: datetime | None = Parameter(default=None),
        until: datetime | None = Parameter(default=None),
        cursor: CursorParam = None,
        limit: LimitParam = DEFAULT_LIMIT,
    ) -> Page[AuditEntryOut]:
        return await moderation.audit_entries(
            municipality.id,
            action=action,
            actor_id=acted_by,
            item_id=item,
            content_type=content_type,
            since=since,
            until=until,
            cursor=cursor,
            limit=limit,
        )

    @get(
        "/audit.csv",
        operation_id="exportModerationAudit",
        guards=[ADMINS],
        media_type="text/csv",
        summary="The filtered audit log as CSV (streamed)",
    )
    async def audit_csv(
        self,
        municipality: MunicipalityDep,
        action: str | None = Parameter(default=None, max_length=32),
        acted_by: Annotated[int | None, id_query(name="actor", description="the moderator's user id")] = None,
        item: QueryId = None,
        content_type: str | None = Parameter(default=None, max_length=32, description="e.g. report, proposal"),
        since: datetime | None = Parameter(default=None),
        until: datetime | None = Parameter(default=None),
    ) -> Stream:
        lines = moderation.audit_csv(
            municipality.id,
            action=action,
            actor_id=acted_by,
            item_id=item,
            content_type=content_type,
            since=since,
            until=until,
        )
        return Stream(
            lines,
            media_type="text/csv",  # Litestar adds the charset
            headers={"Content-Disposition": f'attachment; filename="moderation-audit-{municipality.slug}.csv"'},
        )

    @get(
        "/audit/actors",
        operation_id="listModerationAuditActors",
        guards=[ADMINS],
        summary="Everyone who acted in the audit log (for its 'who' filter)",
    )
    async def audit_actors(self, municipality: MunicipalityDep) -> list[AuditActor]:
        return [AuditActor(**row) for row in await moderation.audit_actors(municipality.id)]

    @get("/sanctions", operation_id="listSanctions", summary="Warnings, mutes and blocks, newest first")
    async def sanctions(self, municipality: MunicipalityDep, user: QueryId = None) -> list[SanctionOut]:
        return await moderation.sanctions_of(municipality.id, user)

    @post(
        "/sanctions",
        operation_id="imposeSanction",
        status_code=201,
        summary="Warn, mute for a period or block a person; they are mailed why",
    )
    async def impose(
        self, municipality: MunicipalityDep, data: JSONBody[SanctionCreate], actor: ActorDep, mailer: MailerDep
    ) -> SanctionOut:
        return await moderation.impose(municipality.id, actor.id, data, mailer=mailer)

    @post(
        "/sanctions/{sanction_id:int}/lift",
        operation_id="liftSanction",
        status_code=200,
        summary="End a mute or block early",
    )
    async def lift(self, municipality: MunicipalityDep, sanction_id: PathId, actor: ActorDep) -> SanctionOut:
        return await moderation.lift(municipality.id, actor.id, sanction_id)

    @get("/policies", operation_id="getModerationPolicies", summary="Policy, overrides, flag threshold")
    async def get_policies(self, municipality: MunicipalityDep) -> Policies:
        return await moderation.policies(municipality.id)

    @patch(
        "/policies",
        operation_id="updateModerationPolicies",
        guards=[ADMINS],
        summary="Change the municipality's policy, flag threshold or trust rule",
    )
    async def update_policies(
        self, municipality: MunicipalityDep, data: JSONBody[PoliciesUpdate], actor: ActorDep
    ) -> Policies:
        return await moderation.update_policies(municipality.id, actor.id, data)

    @put(
        "/policies/overrides",
        operation_id="setModerationOverride",
        guards=[ADMINS],
        summary="Set or remove (inherit) the policy of one content type and/or consultation",
    )
    async def set_override(
        self, municipality: MunicipalityDep, data: JSONBody[PolicyOverrideIn], actor: ActorDep
    ) -> Policies:
        return await moderation.set_override(municipality.id, actor.id, data)

    @get("/words", operation_id="getScreeningWords", summary="The default screening words and the local ones")
    async def get_words(self, municipality: MunicipalityDep) -> WordList:
        return await moderation.word_list(municipality.id)

    @put("/words", operation_id="setScreeningWords", guards=[ADMINS], summary="Replace the local screening words")
    async def set_words(
        self, municipality: MunicipalityDep, data: JSONBody[WordListUpdate], actor: ActorDep
    ) -> WordList:
        return await moderation.set_words(municipality.id, actor.id, data.extra_words)


class TransparencyController(Controller):
    """Counts for the council documents: council members read them too, not only moderators."""

    path = "/api/v1/municipalities/{slug:str}/moderation"
    tags = ["moderation"]
    guards = [requires_role(Role.MODERATOR, Role.ADMIN, Role.COUNCIL)]

    @get(
        "/transparency",
        operation_id="getModerationTransparency",
        summary="Decisions counted by action and reason, per consultation and period",
    )
    async def transparency(
        self,
        municipality: MunicipalityDep,
        context: QueryId = None,
        since: datetime | None = Parameter(default=None),
        until: datetime | None = Parameter(default=None),
    ) -> list[TransparencyRow]:
        return await moderation.transparency(municipality.id, context_id=context, since=since, until=until)
