"""Municipalities (tenants) with their boundary and districts."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, delete, get, patch, post, put
from litestar.params import FromPath, JSONBody, QueryParameter
from pydantic import BaseModel

from backend.accounts import roles
from backend.auth import public, requires_role
from backend.conditional import conditional, encode
from backend.dependencies import AccountDep, ActorDep, MunicipalityDep
from backend.params import PathId
from defects import services as defects
from geo import profile
from geo import services as geo
from geo.boundaries import ATTRIBUTION, LICENCE
from geo.roles import Role
from geo.schemas import (
    DistrictReassignment,
    DistrictUpdate,
    DistrictUpload,
    Municipality,
    MunicipalitySummary,
    RoleGrant,
)
from geo.tables import Municipality as MunicipalityRow
from geo.versions import VersionedCache
from legal import services as legal
from moderation import audit
from proposals import services as proposals


def summary(row: MunicipalityRow) -> MunicipalitySummary:
    return MunicipalitySummary(
        slug=row.slug,
        name=row.name,
        ags=row.ags,
        brand_color=row.brand_color,
        logo_url=profile.logo_url_of(row),
        council_name=row.council_name,
        tiles_enabled=row.tiles_enabled,
    )


_bodies: VersionedCache[bytes] = VersionedCache("context", max_items=512)


async def _encoded(request: Request[Any, Any, Any], row: MunicipalityRow) -> bytes:
    return encode(request, await detail(row))


async def detail(row: MunicipalityRow) -> Municipality:
    territory = await geo.territory_of(row)  # parsed and prepared once per geometry version
    return Municipality(
        **summary(row).model_dump(),
        contact_email=row.contact_email,
        contact_phone=row.contact_phone,
        contact_address=row.contact_address,
        opening_hours=profile.opening_lines(row),
        bbox=[round(v, 6) for v in territory.boundary.bounds],
        boundary=territory.boundary_geojson,
        districts=territory.districts_geojson,
        attribution=ATTRIBUTION,
        licence=LICENCE,
        districts_attribution=row.districts_attribution,
    )


class Located(BaseModel):
    """Where a point lies within the municipality."""

    inside: bool
    district_id: int | None
    district: str | None


async def _district_names(municipality_id: int) -> list[str]:
    """What the audit log keeps of the districts: their names (the shapes are in the upload itself)."""
    return [d["name"] for d in await geo.districts_of(municipality_id)]


async def _district_name(municipality_id: int, district_id: int) -> str | None:
    return next((d["name"] for d in await geo.districts_of(municipality_id) if d["id"] == district_id), None)


class MunicipalityController(Controller):
    path = "/api/v1/municipalities"
    tags = ["municipalities"]

    @get("/", operation_id="listMunicipalities", guards=[public], summary="All municipalities on this platform")
    async def list_municipalities(self, account: AccountDep) -> list[MunicipalitySummary]:
        # A municipality added by `municipality-add` is listed once its Impressum and Datenschutzerklärung are
        # published; until then only the people holding a role in it see it here.
        hidden = await legal.unlisted_ids(account.id if account else None)
        return [summary(m) for m in await geo.list_municipalities() if m.id not in hidden]

    @get(
        "/{slug:str}",
        operation_id="getMunicipality",
        guards=[public],
        summary="A municipality with its boundary and districts as GeoJSON",
    )
    async def get_municipality(
        self,
        request: Request[Any, Any, Any],
        slug: FromPath[str],
        municipality: MunicipalityDep,
    ) -> Response[Municipality]:
        # The body (boundary and districts as GeoJSON, tens of KB) is encoded once per version of the municipality
        # and this worker (geo/versions.py), not validated and encoded again on every call.
        key = (municipality.id, municipality.geometry_version)
        body = await _bodies.get(key, lambda: _encoded(request, municipality))
        return await conditional(request, body)

    @get(
        "/{slug:str}/locate",
        operation_id="locatePoint",
        guards=[public],
        summary="Check a point: 422 with the distance when it lies outside, else its district",
    )
    async def locate(
        self,
        slug: FromPath[str],
        municipality: MunicipalityDep,
        lat: Annotated[float, QueryParameter(ge=-90, le=90)],
        lon: Annotated[float, QueryParameter(ge=-180, le=180)],
    ) -> Located:
        territory = await geo.territory_of(municipality)
        territory.check_point(lon, lat)
        district = territory.district_at(lon, lat)
        return Located(
            inside=True, district_id=district.id if district else None, district=district.name if district else None
        )

    @put(
        "/{slug:str}/districts",
        operation_id="uploadDistricts",
        guards=[requires_role(Role.ADMIN)],
        summary="Upload district polygons (GeoJSON FeatureCollection with a name per feature)",
    )
    async def upload_districts(
        self, slug: FromPath[str], municipality: MunicipalityDep, data: JSONBody[DistrictUpload], actor: ActorDep
    ) -> Municipality:
        before = await _district_names(municipality.id)
        await geo.upload_districts(municipality, data.model_dump())
        after = await _district_names(municipality.id)
        await audit.record(
            municipality.id,
            "districts_uploaded",
            actor_id=actor.id,
            before={"districts": before},
            after={"districts": after},
        )
        return await detail(await geo.get_municipality(slug))  # re-read: the upload bumped geometry_version

    @patch(
        "/{slug:str}/districts/{district_id:int}",
        operation_id="renameDistrict",
        guards=[requires_role(Role.ADMIN)],
        summary="Rename a district (its reports and proposals stay with it)",
    )
    async def rename_district(
        self,
        slug: FromPath[str],
        municipality: MunicipalityDep,
        district_id: PathId,
        data: JSONBody[DistrictUpdate],
        actor: ActorDep,
    ) -> Municipality:
        old = await _district_name(municipality.id, district_id)
        await geo.rename_district(municipality, district_id, data.name)
        await audit.record(
            municipality.id,
            "district_renamed",
            actor_id=actor.id,
            before={"id": district_id, "name": old},
            after={"id": district_id, "name": await _district_name(municipality.id, district_id)},
        )
        return await detail(await geo.get_municipality(slug))

    @delete(
        "/{slug:str}/districts/{district_id:int}",
        operation_id="deleteDistrict",
        guards=[requires_role(Role.ADMIN)],
        status_code=200,
        summary="Delete a district; its reports and proposals have none until the next re-assignment",
    )
    async def delete_district(
        self, slug: FromPath[str], municipality: MunicipalityDep, district_id: PathId, actor: ActorDep
    ) -> Municipality:
        old = await _district_name(municipality.id, district_id)
        await geo.delete_district(municipality, district_id)
        await audit.record(
            municipality.id, "district_deleted", actor_id=actor.id, before={"id": district_id, "name": old}
        )
        return await detail(await geo.get_municipality(slug))

    @post(
        "/{slug:str}/districts/reassign",
        operation_id="reassignDistricts",
        guards=[requires_role(Role.ADMIN)],
        status_code=200,
        summary="Recompute the district of every report and proposal from its point; says how many changed",
    )
    async def reassign_districts(
        self, slug: FromPath[str], municipality: MunicipalityDep, actor: ActorDep
    ) -> DistrictReassignment:
        changed = DistrictReassignment(
            reports=await defects.reassign_report_districts(municipality),
            proposals=await proposals.reassign_proposal_districts(municipality),
        )
        await audit.record(municipality.id, "districts_reassigned", actor_id=actor.id, after=changed.model_dump())
        return changed

    @post(
        "/{slug:str}/roles",
        operation_id="grantRole",
        guards=[requires_role(Role.ADMIN)],
        status_code=204,
        summary="Give a role to someone of this municipality (by id) or to an account by its e-mail address",
    )
    async def grant_role(
        self, slug: FromPath[str], municipality: MunicipalityDep, data: JSONBody[RoleGrant], actor: ActorDep
    ) -> None:
        await roles.grant(municipality.id, data, actor_id=actor.id)
