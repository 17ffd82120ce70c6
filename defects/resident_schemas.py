"""What goes in and out when residents speak to a report after filing: updates, reopening, the fix question,
area alerts (issue 13 §3)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from geo.ids import RowId

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
