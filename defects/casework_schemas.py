"""What goes in and out of the staff's case work: assignment, priority, internal notes, handing on, bulk moves."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from contributions.schemas import Photo
from defects.admin_schemas import ExternalBody, StaffMember
from geo.ids import RowId

Priority = Literal["normal", "hoch", "dringend"]
PRIORITIES: tuple[str, ...] = ("dringend", "hoch", "normal")  # most urgent first (also the sort order)
MAX_BULK = 100


class AssigneeUpdate(BaseModel):
    """Give the report to a person of its department, or to nobody (`user_id` null)."""

    model_config = ConfigDict(extra="forbid")

    user_id: RowId | None = None


class PriorityUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    priority: Priority


class InternalNoteIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    text: str = Field(min_length=1, max_length=4000, description="Only staff read it; never public")


class InternalNote(BaseModel):
    id: int
    text: str
    by: str
    at: datetime


class Reassignment(BaseModel):
    """Hand a report to another department and/or category; the note says why (the new department reads it)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    department_id: RowId | None = None
    category: str | None = Field(default=None, max_length=64, description="A category's code")
    note: str = Field(min_length=1, max_length=2000)


class Forwarding(BaseModel):
    """ "Nicht zuständig": name the outside body (one of the routing rules' bodies) and mail it the report."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    body: str = Field(min_length=1, max_length=200, description="The outside body's name, as in `outside_bodies`")
    note: str = Field(default="", max_length=2000, description="Public note for the history; also in the mail")


class BulkStatus(BaseModel):
    """One status change with one public note for several reports."""

    model_config = ConfigDict(extra="forbid")

    ids: list[RowId] = Field(min_length=1, max_length=MAX_BULK)
    status: str = Field(max_length=20)
    note: str = Field(default="", max_length=2000)


class BulkResult(BaseModel):
    changed: list[int]


class Casework(BaseModel):
    """The staff side of one report: who works on it, how urgent, notes, who else could, and after-photos."""

    assignee_id: int | None
    assignee_name: str
    priority: str
    department_id: int | None
    department: str
    notes: list[InternalNote]
    assignable: list[StaffMember] = Field(description="Staff of the report's department")
    departments: list[dict[str, int | str]] = Field(description="Where it can be handed on: id and name")
    outside_bodies: list[ExternalBody] = Field(description="Bodies named in the routing rules (Hessen Mobil …)")
    after_photos: list[Photo] = Field(default_factory=list, description="'nachher': taken by staff when closing")
