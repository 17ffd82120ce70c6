"""The moderation queue and everything around it, per municipality: thin handlers over moderation.services."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from litestar import Controller, get, patch, post, put
from litestar.params import FromPath, JSONBody, Parameter, QueryParameter
from litestar.response import Stream

from backend.auth import public, requires_login, requires_role
from backend.dependencies import AccountDep, MailerDep, MunicipalityDep, SettingsDep
from geo.roles import Role
from moderation import reasons
from moderation import services as moderation
from moderation.items import reason_of
from moderation.schemas import (
    AuditEntryOut,
    BulkDecisionCreate,
    BulkResult,
    DecisionCreate,
    FlagCreate,
    FlagResult,
    ItemDetail,
    Policies,
    PoliciesUpdate,
    PolicyOverrideIn,
    QueueCounts,
    QueueItem,
    QueuePage,
    Reason,
    ReasonCatalogue,
    SanctionCreate,
    SanctionOut,
    TransparencyRow,
    WordList,
    WordListUpdate,
)

MODERATORS = requires_role(Role.MODERATOR, Role.ADMIN)
ADMINS = requires_role(Role.ADMIN)


def _me(account: Any) -> int:
    assert account is not None  # guaranteed by the guards
    return int(account.id)


def _labels(table: dict[str, tuple[str, str]]) -> list[Reason]:
    return [Reason(code=code, label_de=de, label_en=en) for code, (de, en) in table.items()]


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
        summary="Report a public contribution to the moderators (once per person)",
    )
    async def flag(self, municipality: MunicipalityDep, data: JSONBody[FlagCreate], account: AccountDep) -> FlagResult:
        return await moderation.flag(municipality.id, _me(account), data)


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
        context: int | None = Parameter(default=None),
        status: Annotated[str | None, QueryParameter(name="state", max_length=16)] = None,
        min_age_hours: int | None = Parameter(default=None, ge=0, le=24 * 365),
        after: str | None = Parameter(default=None, max_length=200, description="cursor from `next`"),
        limit: int = Parameter(default=25, ge=1, le=100),
    ) -> QueuePage:
        filters = moderation.QueueFilter(content_type, reason, context, status, min_age_hours)
        return await moderation.page(municipality.id, filters, after=after, limit=limit)

    @get("/queue/counts", operation_id="countModerationQueue", summary="Waiting items per type, reason, context")
    async def queue_counts(
        self,
        municipality: MunicipalityDep,
        content_type: Annotated[str | None, QueryParameter(name="type", max_length=32)] = None,
        reason: str | None = Parameter(default=None, max_length=32),
        context: int | None = Parameter(default=None),
        status: Annotated[str | None, QueryParameter(name="state", max_length=16)] = None,
        min_age_hours: int | None = Parameter(default=None, ge=0, le=24 * 365),
    ) -> QueueCounts:
        filters = moderation.QueueFilter(content_type, reason, context, status, min_age_hours)
        return await moderation.counts(municipality.id, filters)

    @get("/items/{item_id:int}", operation_id="getModerationItem", summary="One item with its flags and history")
    async def item(self, municipality: MunicipalityDep, item_id: FromPath[int]) -> ItemDetail:
        found = await moderation.get_item(municipality.id, item_id)
        return ItemDetail(
            item=found,
            flags=await moderation.flags_of(item_id),
            history=await moderation.history(municipality.id, item_id),
        )

    @post(
        "/items/{item_id:int}/claim",
        operation_id="claimModerationItem",
        status_code=200,
        summary="Take an item for 15 minutes so no one else works on it",
    )
    async def claim(self, municipality: MunicipalityDep, item_id: FromPath[int], account: AccountDep) -> QueueItem:
        return await moderation.claim(municipality.id, item_id, _me(account))

    @post(
        "/items/{item_id:int}/release",
        operation_id="releaseModerationItem",
        status_code=200,
        summary="Give a claimed item back to the queue",
    )
    async def release(self, municipality: MunicipalityDep, item_id: FromPath[int], account: AccountDep) -> QueueItem:
        return await moderation.release(municipality.id, item_id, _me(account))

    @post(
        "/items/{item_id:int}/decision",
        operation_id="decideModerationItem",
        status_code=200,
        summary="Approve, reject (with a reason), hide, restore or redact one item; the author is mailed",
    )
    async def decide(
        self,
        municipality: MunicipalityDep,
        item_id: FromPath[int],
        data: JSONBody[DecisionCreate],
        account: AccountDep,
        mailer: MailerDep,
        settings: SettingsDep,
    ) -> QueueItem:
        return await moderation.decide(
            municipality.id,
            item_id,
            _me(account),
            data,
            mailer=mailer,
            base_url=settings.base_url,
            media_dir=settings.media_dir,
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
        account: AccountDep,
        mailer: MailerDep,
        settings: SettingsDep,
    ) -> BulkResult:
        decision = DecisionCreate(action=data.action, reason=data.reason, text=data.text)
        decided = await moderation.decide_many(
            municipality.id, data.item_ids, _me(account), decision, mailer=mailer, base_url=settings.base_url
        )
        return BulkResult(decided=decided)

    @get("/audit", operation_id="listModerationAudit", guards=[ADMINS], summary="The audit log, newest first")
    async def audit(
        self,
        municipality: MunicipalityDep,
        action: str | None = Parameter(default=None, max_length=32),
        actor: int | None = Parameter(default=None),
        item: int | None = Parameter(default=None),
        since: datetime | None = Parameter(default=None),
        until: datetime | None = Parameter(default=None),
        before_id: int | None = Parameter(default=None, description="page on: the smallest id seen"),
        limit: int = Parameter(default=100, ge=1, le=500),
    ) -> list[AuditEntryOut]:
        return await moderation.audit_entries(
            municipality.id,
            action=action,
            actor_id=actor,
            item_id=item,
            since=since,
            until=until,
            before_id=before_id,
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
        actor: int | None = Parameter(default=None),
        item: int | None = Parameter(default=None),
        since: datetime | None = Parameter(default=None),
        until: datetime | None = Parameter(default=None),
    ) -> Stream:
        lines = moderation.audit_csv(
            municipality.id, action=action, actor_id=actor, item_id=item, since=since, until=until
        )
        return Stream(
            lines,
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="moderation-audit-{municipality.slug}.csv"'},
        )

    @get("/sanctions", operation_id="listSanctions", summary="Warnings, mutes and blocks, newest first")
    async def sanctions(
        self, municipality: MunicipalityDep, user: int | None = Parameter(default=None)
    ) -> list[SanctionOut]:
        return await moderation.sanctions_of(municipality.id, user)

    @post(
        "/sanctions",
        operation_id="imposeSanction",
        status_code=201,
        summary="Warn, mute for a period or block a person; they are mailed why",
    )
    async def impose(
        self, municipality: MunicipalityDep, data: JSONBody[SanctionCreate], account: AccountDep, mailer: MailerDep
    ) -> SanctionOut:
        return await moderation.impose(municipality.id, _me(account), data, mailer=mailer)

    @post(
        "/sanctions/{sanction_id:int}/lift",
        operation_id="liftSanction",
        status_code=200,
        summary="End a mute or block early",
    )
    async def lift(self, municipality: MunicipalityDep, sanction_id: FromPath[int], account: AccountDep) -> SanctionOut:
        return await moderation.lift(municipality.id, _me(account), sanction_id)

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
        self, municipality: MunicipalityDep, data: JSONBody[PoliciesUpdate], account: AccountDep
    ) -> Policies:
        return await moderation.update_policies(municipality.id, _me(account), data)

    @put(
        "/policies/overrides",
        operation_id="setModerationOverride",
        guards=[ADMINS],
        summary="Set or remove (inherit) the policy of one content type and/or consultation",
    )
    async def set_override(
        self, municipality: MunicipalityDep, data: JSONBody[PolicyOverrideIn], account: AccountDep
    ) -> Policies:
        return await moderation.set_override(municipality.id, _me(account), data)

    @get("/words", operation_id="getScreeningWords", summary="The default screening words and the local ones")
    async def get_words(self, municipality: MunicipalityDep) -> WordList:
        return await moderation.word_list(municipality.id)

    @put("/words", operation_id="setScreeningWords", guards=[ADMINS], summary="Replace the local screening words")
    async def set_words(
        self, municipality: MunicipalityDep, data: JSONBody[WordListUpdate], account: AccountDep
    ) -> WordList:
        return await moderation.set_words(municipality.id, _me(account), data.extra_words)

    @get(
        "/transparency",
        operation_id="getModerationTransparency",
        guards=[requires_role(Role.MODERATOR, Role.ADMIN, Role.COUNCIL)],
        summary="Decisions counted by action and reason, per consultation and period",
    )
    async def transparency(
        self,
        municipality: MunicipalityDep,
        context: int | None = Parameter(default=None),
        since: datetime | None = Parameter(default=None),
        until: datetime | None = Parameter(default=None),
    ) -> list[TransparencyRow]:
        return await moderation.transparency(municipality.id, context_id=context, since=since, until=until)
