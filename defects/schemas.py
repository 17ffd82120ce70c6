"""What goes in and out of the Mängelmelder's API (reporter contact only in the staff view)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from contributions.schemas import Photo
from defects.questions import Question
from geo.ids import RowId

MAX_DESCRIPTION = 4000
Channel = Literal["phone", "counter", "letter", "mobile"]


class CategoryCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{1,63}$")
    name_de: str = Field(min_length=1, max_length=200)
    name_en: str = Field(min_length=1, max_length=200)
    description_de: str = Field(default="", max_length=1000)
    description_en: str = Field(default="", max_length=1000)
    icon: str = Field(default="warning", max_length=64)
    department_id: RowId | None = None
    questions: list[Question] = Field(default_factory=list, max_length=20)
    duplicate_radius_m: int = Field(default=50, ge=5, le=1000)


class Category(BaseModel):
    code: str
    name_de: str
    name_en: str
    description_de: str
    description_en: str
    icon: str
    department: str | None
    questions: list[Question]
    duplicate_radius_m: int


class ReportCreate(BaseModel):
    """A new report. Without an account, `email` is required and the report waits for its confirmation."""

    model_config = ConfigDict(extra="forbid")

    category: str = Field(max_length=64, description="The category's code (Open311 service_code)")
    lat: float | None = Field(default=None, ge=-90, le=90, description="With lon: the point (map or coordinates)")
    lon: float | None = Field(default=None, ge=-180, le=180)
    district_id: RowId | None = Field(default=None, description="Without a point: the district, plus `address`")
    address: str = Field(default="", max_length=300, description="Street or place description")
    description: str = Field(default="", max_length=MAX_DESCRIPTION)
    answers: dict[str, Any] = Field(default_factory=dict)
    email: EmailStr | None = None
    name: str = Field(default="", max_length=200)
    phone: str = Field(default="", max_length=50)
    locale: Literal["de", "en"] = "de"


class ReportOnBehalf(ReportCreate):
    """Filed by staff for someone who phoned, came to the counter, wrote, or met the mobile Bürgerbüro."""

    channel: Channel


class Placement(BaseModel):
    """Staff set the point of a report that came by address alone."""

    model_config = ConfigDict(extra="forbid")

    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)


class StatusUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: str = Field(max_length=20)
    note: str = Field(default="", max_length=2000, description="Public note shown in the history")
    duplicate_of: RowId | None = None
    responsible: str = Field(default="", max_length=300)


class HistoryEntry(BaseModel):
    status: str
    status_group: str
    label_de: str
    label_en: str
    note: str
    responsible: str
    by: str
    at: datetime


class Contact(BaseModel):
    """Only for the responsible department's staff and the admins (`rules.may_see_contact`)."""

    email: str
    name: str
    phone: str
    channel: str


class Report(BaseModel):
    id: int
    category: str
    category_name_de: str
    category_name_en: str
    status: str
    status_group: str
    lat: float
    lon: float
    placed: bool = Field(description="False: filed by address alone, the point is provisional until staff place it")
    district: str | None
    address: str
    description: str
    answers: dict[str, Any]
    photos: list[Photo]
    affected_count: int
    duplicate_of: int | None
    created_at: datetime
    updated_at: datetime
    history: list[HistoryEntry]
    visibility: str
    confirmed: bool
    contact: Contact | None = None
    contact_withheld: bool = Field(
        default=False,
        description="True for staff of other departments: there is a reporter, but only those who work on it see them",
    )
    may_handle: bool = Field(
        default=False,
        description="Whether the person asking may change its status and place it (its department's staff, admins)",
    )
    following: bool = False  # whether the person asking follows it
    mine: bool = Field(default=False, description="Whether the person asking filed it (no flag button for them)")
    after_photos: list[Photo] = Field(default_factory=list, description="'nachher': staff's photos when closing")
    reopened_at: datetime | None = Field(
        default=None, description="When a resident reopened it ('nicht behoben'); None when never or closed again"
    )


class Filed(BaseModel):
    """The answer to a new report: whether the reporter must confirm it by e-mail first."""

    id: int
    needs_confirmation: bool
    detail_de: str
    detail_en: str


class Nearby(BaseModel):
    id: int
    category: str
    status: str
    lat: float
    lon: float
    distance_m: int
    description: str
    affected_count: int
    created_at: datetime


class QueueItem(BaseModel):
    id: int
    lat: float = 0.0
    lon: float = 0.0
    priority: str = "normal"
    assignee_id: int | None = None
    assignee_name: str = ""
    category: str
    category_name_de: str
    status: str
    status_group: str
    district: str | None
    address: str
    description: str
    created_at: datetime
    updated_at: datetime
    affected_count: int
    overdue: bool
    placed: bool = True  # False: filed by address alone; staff still have to set the point
    reopened: bool = False  # a resident said "nicht behoben" and reopened it (shown until it is closed again)


class ApiKeyCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    label: str = Field(min_length=1, max_length=200)
    trusted: bool = Field(
        default=False, description="A trusted partner confirms its reporters: no confirmation mail is sent"
    )


class ApiKeyUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    trusted: bool


class ApiKeyIssued(BaseModel):
    id: int
    label: str
    trusted: bool = False
    api_key: str = Field(description="Shown once; only its hash is stored")


class ApiKey(BaseModel):
    """An issued key as admins see it (never the key itself)."""

    id: int
    label: str
    trusted: bool
    created_at: datetime
    revoked_at: datetime | None
    last_used_at: datetime | None = Field(default=None, description="The last Open311 write with this key")
    requests_last_hour: int


class ReplyTemplateIn(BaseModel):
    """A text staff often send as the public reply to a status change."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str = Field(min_length=1, max_length=100, description="How staff find it in the list")
    text: str = Field(min_length=1, max_length=2000, description="The reply, as the public note")


class ReplyTemplate(BaseModel):
    id: int
    name: str
    text: str
    updated_at: datetime


# The back office's schemas live in their own module; the web shell takes them from here, like every schema.
from defects.admin_schemas import (  # noqa: E402
    CategoryAdmin,
    CategoryMove,
    CategoryNew,
    CategoryUpdate,
    Department,
    DepartmentCreate,
    DepartmentUpdate,
    ExternalBody,
    IconChoice,
    Route,
    RouteIn,
    StaffMember,
)
from defects.casework_schemas import (  # noqa: E402
    AssigneeUpdate,
    BulkResult,
    BulkStatus,
    Casework,
    Forwarding,
    InternalNote,
    InternalNoteIn,
    Priority,
    PriorityUpdate,
    Reassignment,
)

__all__ = [
    "MAX_DESCRIPTION",
    "ApiKey",
    "ApiKeyCreate",
    "ApiKeyIssued",
    "ApiKeyUpdate",
    "AssigneeUpdate",
    "BulkResult",
    "BulkStatus",
    "Casework",
    "Category",
    "CategoryAdmin",
    "CategoryCreate",
    "CategoryMove",
    "CategoryNew",
    "CategoryUpdate",
    "Contact",
    "Department",
    "DepartmentCreate",
    "DepartmentUpdate",
    "ExternalBody",
    "Filed",
    "Forwarding",
    "HistoryEntry",
    "IconChoice",
    "InternalNote",
    "InternalNoteIn",
    "Nearby",
    "Placement",
    "Priority",
    "PriorityUpdate",
    "Question",
    "QueueItem",
    "Reassignment",
    "ReplyTemplate",
    "ReplyTemplateIn",
    "Report",
    "ReportCreate",
    "ReportOnBehalf",
    "Route",
    "RouteIn",
    "StaffMember",
    "StatusUpdate",
]


# --- the resident's word after "erledigt" (issue 13 §3): updates, reopening, the fix question, area alerts ---
FixAnswer = Literal["ja", "nein", "teilweise"]


class UpdateCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=2000, description="What has changed at the place (public)")


class ReportUpdateOut(BaseModel):
    id: int
    text: str
    visibility: str = Field(description="public, or pending/hidden: then only its author sees it")
    mine: bool
    by_reporter: bool = Field(description="Written by the person who filed the report")
    created_at: datetime
    photos: list[Photo] = Field(default_factory=list, description="Its photos (public ones; one's own too)")


class ReopenRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=2000, description="Why the defect is not fixed (public)")
    token: str | None = Field(
        default=None, max_length=200, description="The link token of the fix question (reporters without an account)"
    )


class FixAnswerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    token: str = Field(min_length=1, max_length=200)
    answer: FixAnswer
    comment: str = Field(default="", max_length=2000)


class FixQuestionOut(BaseModel):
    report_id: int
    answer: str = Field(description='"" while unanswered, else ja | nein | teilweise')
    comment: str
    may_reopen: bool = Field(description="Whether the report can still be reopened (answer nein or teilweise)")
    reopen_until: datetime | None


class AreaAlertCreate(BaseModel):
    """Either a district, or a place (lat, lon) with a radius in metres."""

    model_config = ConfigDict(extra="forbid")

    label: str = Field(default="", max_length=200)
    district_id: RowId | None = None
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    radius_m: int | None = Field(default=None, ge=50, le=5000)


class AreaAlertOut(BaseModel):
    id: int
    label: str
    district_id: int | None
    district: str | None
    lat: float | None
    lon: float | None
    radius_m: int | None
    feed_url: str = Field(description="The Atom feed of the same area (no login needed)")
    created_at: datetime


class TokenIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    token: str = Field(min_length=1, max_length=300)
