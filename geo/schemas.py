"""What goes in and out of the territory's API."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from geo.ids import RowId
from geo.roles import Role


class Location(BaseModel):
    """A point in WGS84 degrees."""

    model_config = ConfigDict(extra="forbid")

    lat: float = Field(ge=-90, le=90, description="Latitude in degrees (WGS84)", examples=[50.1676])
    lon: float = Field(ge=-180, le=180, description="Longitude in degrees (WGS84)", examples=[8.1544])


class MunicipalitySummary(BaseModel):
    slug: str
    name: str
    ags: str = Field(description="Amtlicher Gemeindeschlüssel")
    brand_color: str = Field(description="#rrggbb; white text on it reaches 4.5:1")
    logo_url: str = Field(description="The logo or coat of arms on our own origin, or empty")
    council_name: str = Field(description="The council body, e.g. Stadtverordnetenversammlung")
    tiles_enabled: bool = Field(description="Whether maps show background tiles (else boundary and districts only)")


class District(BaseModel):
    id: int
    name: str


class Municipality(MunicipalitySummary):
    """A municipality with its boundary and districts (GeoJSON, RFC 7946)."""

    contact_email: str
    contact_phone: str
    contact_address: str
    opening_hours: list[str] = Field(description="Free text, one line each")
    bbox: list[float] = Field(description="west, south, east, north")
    boundary: dict[str, Any] = Field(description="GeoJSON MultiPolygon")
    districts: dict[str, Any] = Field(description="GeoJSON FeatureCollection; geometry null where unknown")
    attribution: str
    licence: str
    districts_attribution: str = Field(default="", description="where the district shapes come from, if said")


class MunicipalityCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ags: str = Field(pattern=r"^\d{8}$", description="8-digit official municipality key")
    slug: str | None = Field(default=None, pattern=r"^[a-z0-9-]{2,64}$")
    districts: list[str] = Field(default_factory=list, max_length=200)


class DistrictUpload(BaseModel):
    """A GeoJSON FeatureCollection of (Multi)Polygons, each with a `name` property."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(pattern="^FeatureCollection$")
    features: list[dict[str, Any]] = Field(min_length=1, max_length=500)


class DistrictUpdate(BaseModel):
    """A district's new name."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=100)


class Reassigned(BaseModel):
    """How many rows with a point were looked at, and how many now name another district (or none)."""

    checked: int
    changed: int


class DistrictReassignment(BaseModel):
    """The outcome of re-assigning reports and proposals to the districts at their points."""

    reports: Reassigned
    proposals: Reassigned


class RoleGrant(BaseModel):
    """Whom to give a role: by `user_id` someone who already belongs to or took part in the municipality,
    by `email` anyone with an account (the admin must know the address, e.g. a new colleague's)."""

    model_config = ConfigDict(extra="forbid")

    user_id: RowId | None = None
    email: str | None = Field(default=None, max_length=254)
    role: Role
    department_id: RowId | None = None

    @model_validator(mode="after")
    def _one_person(self) -> RoleGrant:
        if (self.user_id is None) == (self.email is None):
            raise ValueError("give exactly one of user_id and email")
        return self
