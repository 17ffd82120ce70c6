"""What goes in and out of moderation: pydantic models the web shell serialises as they are."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator

from geo.ids import ID_MAX, RowId

Action = Literal["approve", "reject", "hide", "restore", "redact"]
Policy = Literal["standard", "pre", "post"]
SanctionKind = Literal["warn", "mute", "block"]


class Reason(BaseModel):
    code: str
    label_de: str
    label_en: str


class QueueItem(BaseModel):
    """An item as the queue shows it to moderators (never the author's e-mail address)."""

    id: int
    content_type: str
    content_id: int
    context_id: int | None
    text: str
    visibility: str
    queued: bool
    reasons: list[Reason]
    flag_count: int
    author_id: int | None
    author_name: str | None
    preview_url: str | None
    has_photo: bool = Field(default=False, description="a photo region can be blurred (decision 'redact' + region)")
    link: str | None
    claimed_by: int | None
    claimed_by_name: str | None
    claimed_at: datetime | None
    queued_at: datetime
    created_at: datetime
    public_reason: str | None
    context_title: str | None = Field(default=None, description="the title of the consultation (context_id)")
    parent_title: str | None = Field(default=None, description="what the item belongs to (a comment's proposal)")


class QueuePage(BaseModel):
    items: list[QueueItem]
    next_cursor: str | None = Field(description="Cursor for the next page (pass as `cursor`), null on the last page")


class QueueCounts(BaseModel):
    """How many items wait, in total and per filter value (the filter menu shows these)."""

    total: int
    matching: int
    by_type: dict[str, int]
    by_reason: dict[str, int]
    by_context: dict[str, int]
    by_visibility: dict[str, int]
    context_titles: dict[str, str] = Field(default_factory=dict, description="context id -> its title")


class Region(BaseModel):
    """A rectangle of a photo, as fractions of its width and height (0..1)."""

    x: float = Field(ge=0, le=1)
    y: float = Field(ge=0, le=1)
    width: float = Field(gt=0, le=1)
    height: float = Field(gt=0, le=1)


class DecisionCreate(BaseModel):
    action: Action
    reason: str | None = Field(default=None, max_length=32, description="reject: a code from /moderation/reasons")
    text: str = Field(default="", max_length=2000, description="a note to the author (required for reason 'other')")
    redacted_text: str | None = Field(default=None, max_length=20000, description="redact: the new text")
    region: Region | None = Field(default=None, description="redact: the photo region to blur")


class BulkDecisionCreate(BaseModel):
    item_ids: list[RowId] = Field(min_length=1, max_length=200)
    action: Literal["approve", "reject", "hide", "restore"]
    reason: str | None = Field(default=None, max_length=32)
    text: str = Field(default="", max_length=2000)


class BulkResult(BaseModel):
    decided: int


class FlagCreate(BaseModel):
    content_type: str = Field(max_length=32)
    content_id: RowId
    reason: Literal["spam", "insult", "personal_data", "off_topic", "other"]
    text: str = Field(default="", max_length=1000)


class FlagResult(BaseModel):
    flagged: bool = True
    detail_de: str
    detail_en: str


class AuditEntryOut(BaseModel):
    id: int
    created_at: datetime
    actor_id: int | None
    actor: str | None
    action: str
    item_id: int | None
    content_type: str | None = Field(default=None, description="the type of the item the entry concerns")
    subject_user_id: int | None
    before: dict[str, Any]
    after: dict[str, Any]


class AuditActor(BaseModel):
    """Someone who appears in the audit log as the one who acted."""

    id: int
    name: str | None


class ItemDetail(BaseModel):
    item: QueueItem
    flags: list[dict[str, Any]]
    history: list[AuditEntryOut]


class ItemState(BaseModel):
    """What the lead's cross-type tests ask: is this content public, and what happened to it."""

    item_id: int
    visibility: str
    queued: bool
    reasons: list[str]
    public_reason: str | None
    text: str
    photo_key: str | None
    history: list[AuditEntryOut]


class SanctionCreate(BaseModel):
    user_id: RowId
    kind: SanctionKind
    until: datetime | None = Field(default=None, description="mute: required; block: empty = indefinitely")
    reason: str = Field(min_length=3, max_length=1000)

    @model_validator(mode="after")
    def mute_needs_an_end(self) -> SanctionCreate:
        if self.kind == "mute" and self.until is None:
            raise ValueError("until: a mute needs an end")
        return self


class SanctionOut(BaseModel):
    id: int
    user_id: int
    user_name: str | None
    kind: str
    until: datetime | None
    reason: str
    created_at: datetime
    lifted_at: datetime | None
    active: bool


class PolicyOverrideIn(BaseModel):
    content_type: str = Field(default="*", max_length=32, description='"*" for every type')
    context_id: int = Field(default=0, ge=0, le=ID_MAX, description="0 for every consultation")
    policy: Policy | Literal["inherit"] = Field(description='"inherit" removes the override')


class PolicyOverrideOut(BaseModel):
    content_type: str
    context_id: int
    policy: str


class Policies(BaseModel):
    municipality_policy: Policy
    flag_threshold: int
    new_account_items: int
    overrides: list[PolicyOverrideOut]


class PoliciesUpdate(BaseModel):
    municipality_policy: Policy | None = None
    flag_threshold: int | None = Field(default=None, ge=1, le=100)
    new_account_items: int | None = Field(default=None, ge=0, le=100)


class WordList(BaseModel):
    default_words: list[str]
    extra_words: str = Field(max_length=20000, description="one word or phrase per line")


class WordListUpdate(BaseModel):
    extra_words: str = Field(max_length=20000)


class TransparencyRow(BaseModel):
    action: str
    reason: str
    content_type: str
    count: int


class ReasonCatalogue(BaseModel):
    queue: list[Reason]
    flag: list[Reason]
    reject: list[Reason]
