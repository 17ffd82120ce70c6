"""What goes in and out of participation's API (XCreate / XUpdate / X)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from contributions.schemas import Following as Following  # one schema for every followable thing
from contributions.schemas import Photo
from geo.ids import RowId
from geo.schemas import Location

Timing = Literal["upcoming", "running", "finished"]
AnswerStatus = Literal["in_review", "accepted", "rejected", "implemented"]
Stance = Literal["pro", "neutral", "contra"]


class PhaseIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name_de: str = Field(min_length=2, max_length=120, examples=["Vorschläge"])
    name_en: str = Field(default="", max_length=120)
    description: str = Field(default="", max_length=2000)
    starts_at: datetime
    ends_at: datetime
    may_propose: bool = False
    may_comment: bool = False
    may_vote: bool = False

    @model_validator(mode="after")
    def _ends_after_start(self) -> PhaseIn:
        if self.starts_at.tzinfo is None or self.ends_at.tzinfo is None:
            raise ValueError("Input should be a valid datetime with a time zone")
        if self.ends_at <= self.starts_at:
            raise ValueError("ends_at must be after starts_at")
        return self


class ConsultationCreate(BaseModel):
    """A consultation with its settings and phases (phases replace the old ones on update)."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=3, max_length=200)
    summary: str = Field(default="", max_length=1000)
    body: str = Field(
        default="", max_length=50_000, description='Markdown: paragraphs, "- " lists, links; rendered and sanitised'
    )
    area_kind: Literal["municipality", "districts", "polygon"] = "municipality"
    area_districts: list[RowId] = Field(default_factory=list, max_length=100)
    area_polygon: dict[str, Any] | None = Field(default=None, description="GeoJSON Polygon or MultiPolygon")
    contact_name: str = Field(default="", max_length=200)
    contact_info: str = Field(default="", max_length=300)
    status: Literal["draft", "published", "archived"] = "draft"
    voting_mode: Literal["support", "for_against"] = "support"
    vote_limit: int = Field(default=0, ge=0, le=1000, description="Votes per resident; 0 = no limit")
    support_threshold: int = Field(default=0, ge=0, le=1_000_000, description="0 = no threshold")
    residents_only: bool = Field(default=False, description="Only holders of the resident role take part")
    phases: list[PhaseIn] = Field(default_factory=list, max_length=20)


ConsultationUpdate = ConsultationCreate


class TextPreviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(max_length=50_000, description="Markdown to render")


class TextPreview(BaseModel):
    html: str = Field(description="The sanitised HTML the page will show")


class Phase(BaseModel):
    id: int
    name_de: str
    name_en: str
    description: str
    starts_at: datetime
    ends_at: datetime
    may_propose: bool
    may_comment: bool
    may_vote: bool
    current: bool


class MyParticipation(BaseModel):
    """What the asking person may do here now, and how many votes they have left."""

    logged_in: bool
    may_propose: bool
    may_comment: bool
    may_vote: bool
    may_manage: bool
    votes_used: int
    votes_left: int | None = Field(description="None when there is no limit")
    following: bool


class ConsultationSummary(BaseModel):
    id: int
    title: str
    summary: str
    status: str
    timing: Timing
    starts_at: datetime | None
    ends_at: datetime | None
    current_phase: str | None
    current_phase_en: str | None = None
    current_phase_ends_at: datetime | None = Field(default=None, description="when the current phase ends")
    proposal_count: int
    has_cover: bool


class Consultation(ConsultationSummary):
    body: str = Field(description="The Markdown source, for editing")
    body_html: str = Field(description="The rendered, sanitised HTML the page shows")
    area_kind: str
    area_districts: list[int]
    area_polygon: dict[str, Any] | None
    contact_name: str
    contact_info: str
    voting_mode: str
    vote_limit: int
    support_threshold: int
    residents_only: bool
    phases: list[Phase]
    categories: list[str]
    me: MyParticipation


class ProposalCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=3, max_length=160)
    body: str = Field(default="", max_length=5000)
    category: str = Field(default="", max_length=80)
    location: Location | None = Field(default=None, description="A pin inside the consultation's area")
    district_id: RowId | None = Field(default=None, description="Instead of a pin: a district of the area")


ProposalUpdate = ProposalCreate


class District(BaseModel):
    id: int
    name: str


class Answer(BaseModel):
    status: AnswerStatus
    text: str
    published_at: datetime | None


class AnswerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: AnswerStatus
    text: str = Field(default="", max_length=10_000)


class ProposalSummary(BaseModel):
    id: int
    title: str
    category: str
    location: Location | None
    district: District | None
    author_name: str
    created_at: datetime
    support_count: int
    against_count: int
    comment_count: int
    successful: bool
    withdrawn: bool
    answer_status: AnswerStatus | None
    answer_public_text: str = Field(default="", description="The published answer; empty until published")


class Pin(BaseModel):
    id: int
    lat: float
    lon: float
    title: str


class Proposal(ProposalSummary):
    consultation_id: int
    body: str
    photos: list[Photo]
    answer: Answer | None
    my_vote: int | None
    may_edit: bool
    may_withdraw: bool
    following: bool
    visibility: str
    voting_mode: str
    mine: bool = Field(default=False, description="Whether the person asking wrote it (no flag button for them)")


class AdminProposal(ProposalSummary):
    """A proposal as an admin sees it when answering: the draft answer included."""

    answer_text: str
    answer_published: bool


class VoteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    value: Literal[1, -1] = Field(default=1, description="1: support / for, -1: against (for_against mode only)")


class VoteResult(BaseModel):
    my_vote: int | None
    support_count: int
    against_count: int
    votes_used: int
    votes_left: int | None


class CommentCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=3000)
    stance: Stance = "neutral"
    parent_id: RowId | None = None


class CommentUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=3000)
    stance: Stance = "neutral"


class CommentVoteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    value: Literal[1, 0, -1] = Field(description="1 up, -1 down, 0 take back")


class Comment(BaseModel):
    id: int
    parent_id: int | None
    depth: int
    author_name: str | None = Field(description="None for placeholders")
    stance: str
    text: str | None = Field(description="None for placeholders")
    placeholder: Literal["deleted", "removed"] | None
    reason_de: str | None
    reason_en: str | None
    up_count: int
    down_count: int
    reply_count: int
    created_at: datetime
    edited_at: datetime | None
    my_vote: int
    may_edit: bool
    may_delete: bool
    may_reply: bool
    mine: bool = Field(default=False, description="Whether the person asking wrote it")
    pending: bool = Field(default=False, description="The author's own comment, waiting for a moderator")
    replies: list[Comment] = Field(default_factory=list)


class CommentThread(BaseModel):
    items: list[Comment] = Field(description="One page of top-level comments, each with all its replies")
    next_cursor: str | None = Field(default=None, description="Cursor for the next page; null on the last page")
    total: int = Field(description="Public comments on the proposal, replies included")


class Done(BaseModel):
    detail_de: str
    detail_en: str
    count: int = 0
