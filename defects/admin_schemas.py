"""What goes in and out of the back office of the Mängelmelder: departments, categories and their routing."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, EmailStr, Field

from defects.icons import ICON_KEYS
from defects.questions import Question
from geo.ids import RowId


def _known_icon(value: str) -> str:
    if value not in ICON_KEYS:
        raise ValueError(f"unknown icon; known are: {', '.join(sorted(ICON_KEYS))}")
    return value


Icon = Annotated[str, AfterValidator(_known_icon)]
Text200 = Annotated[str, Field(min_length=1, max_length=200)]


# --- departments ------------------------------------------------------------------------------------------


class DepartmentCreate(BaseModel):
    """A department (Fachbereich): every mail routed to it goes to all of its addresses."""

    model_config = ConfigDict(extra="forbid")

    name: Text200
    emails: list[EmailStr] = Field(min_length=1, max_length=10)
    phone: str = Field(default="", max_length=50)
    opening_hours: str = Field(default="", max_length=1000)
    is_default: bool = Field(default=False, description="Receives what no category or rule routes elsewhere")


class DepartmentUpdate(BaseModel):
    """Only the fields given change; `retired` true retires it (it keeps its reports but receives nothing new)."""

    model_config = ConfigDict(extra="forbid")

    name: Text200 | None = None
    emails: list[EmailStr] | None = Field(default=None, min_length=1, max_length=10)
    phone: str | None = Field(default=None, max_length=50)
    opening_hours: str | None = Field(default=None, max_length=1000)
    is_default: Literal[True] | None = Field(default=None, description="Make this the default department")
    retired: bool | None = None


class StaffMember(BaseModel):
    user_id: int
    name: str
    email: str


class Department(BaseModel):
    id: int
    name: str
    emails: list[str]
    phone: str
    opening_hours: str
    is_default: bool
    retired: bool
    categories: list[str] = Field(description="German names of the categories it receives")
    staff: list[StaffMember] = Field(description="Staff memberships with this department (granted under people)")
    in_use: bool = Field(description="True when categories, routing rules or staff refer to it: it can only retire")
    needs_address: bool = Field(description="True while an address is the placeholder a new town starts with")


# --- categories and routing -------------------------------------------------------------------------------


class ExternalBody(BaseModel):
    """Who is responsible instead of the municipality (e.g. Hessen Mobil for Landesstraßen)."""

    model_config = ConfigDict(extra="forbid")

    name: Text200
    email: EmailStr | None = None
    phone: str = Field(default="", max_length=50)
    web: str = Field(default="", max_length=300, pattern=r"^(https?://\S+)?$")


class RouteIn(BaseModel):
    """One routing rule: in a district OR a drawn area, a department OR an outside body receives the reports."""

    model_config = ConfigDict(extra="forbid")

    label: str = Field(default="", max_length=200, description="What the area is, e.g. 'Landesstraßen'")
    district_id: RowId | None = None
    area: dict[str, Any] | None = Field(default=None, description="A GeoJSON Polygon or MultiPolygon (WGS84)")
    department_id: RowId | None = None
    external: ExternalBody | None = None


class Route(BaseModel):
    id: int
    label: str
    district_id: int | None
    district: str | None
    area: dict[str, Any] | None
    department_id: int | None
    department: str | None
    external: ExternalBody | None


class CategoryFields(BaseModel):
    """What both creating and changing a category may set."""

    model_config = ConfigDict(extra="forbid")

    description_de: str = Field(default="", max_length=1000)
    description_en: str = Field(default="", max_length=1000)
    department_id: RowId | None = None
    questions: list[Question] = Field(default_factory=list, max_length=20)
    duplicate_radius_m: int = Field(default=50, ge=5, le=1000)
    routes: list[RouteIn] = Field(default_factory=list, max_length=50)


class CategoryNew(CategoryFields):
    code: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{1,63}$", description="The Open311 service_code; never changes")
    name_de: Text200
    name_en: Text200
    icon: Icon = "warning"


class CategoryUpdate(BaseModel):
    """Only the fields given change; `routes` replaces every rule; `retired` true hides it from new reports."""

    model_config = ConfigDict(extra="forbid")

    name_de: Text200 | None = None
    name_en: Text200 | None = None
    description_de: str | None = Field(default=None, max_length=1000)
    description_en: str | None = Field(default=None, max_length=1000)
    icon: Icon | None = None
    department_id: RowId | None = None
    questions: list[Question] | None = Field(default=None, max_length=20)
    duplicate_radius_m: int | None = Field(default=None, ge=5, le=1000)
    routes: list[RouteIn] | None = Field(default=None, max_length=50)
    retired: bool | None = None


class CategoryMove(BaseModel):
    model_config = ConfigDict(extra="forbid")

    direction: Literal["up", "down"]


class CategoryAdmin(BaseModel):
    id: int
    code: str
    name_de: str
    name_en: str
    description_de: str
    description_en: str
    icon: str
    department_id: int | None
    department: str | None
    questions: list[Question]
    duplicate_radius_m: int
    position: int
    retired: bool
    routes: list[Route]
    report_count: int = Field(description="Reports filed in it; a category with reports can only retire")


class IconChoice(BaseModel):
    key: str
    label_de: str
    label_en: str
