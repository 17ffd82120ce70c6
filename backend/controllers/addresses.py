"""Addresses: suggestions and the nearest address for everyone; the register and the geocoder for admins."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Annotated

from litestar import Controller, delete, get, post, put
from litestar.datastructures import UploadFile
from litestar.params import FromPath, JSONBody, MultipartBody, QueryParameter

from backend.auth import public, requires_role
from backend.controllers.profile import recorder
from backend.dependencies import ActorDep, MunicipalityDep
from geo import addresses
from geo import services as geo
from geo.addresses import importing
from geo.addresses.schemas import (
    Address,
    AddressImport,
    AddressRegisterStatus,
    AddressSuggestions,
    OutsideGeocoderUpdate,
    ReverseAddress,
)
from geo.roles import Role


@dataclass
class AddressFileForm:
    """multipart/form-data: `data` the CSV or GeoJSON file, `licence` its open licence, `attribution` its source."""

    data: UploadFile
    licence: str
    attribution: str = ""
    approximate: bool = False


def _status(status: addresses.RegisterStatus) -> AddressRegisterStatus:
    return AddressRegisterStatus(**dataclasses.asdict(status))


class AddressController(Controller):
    path = "/api/v1/municipalities/{slug:str}/addresses"
    tags = ["addresses"]

    @get(
        "/",
        operation_id="searchAddresses",
        guards=[public],
        summary='Address suggestions for a typed text ("Aarstraße 150", "Hahn, Kirchstraße")',
    )
    async def search(
        self,
        slug: FromPath[str],
        municipality: MunicipalityDep,
        limit: Annotated[int, QueryParameter(ge=1, le=10)] = 8,
        q: Annotated[str, QueryParameter(max_length=120, description="What was typed; empty: no suggestions")] = "",
    ) -> AddressSuggestions:
        query = addresses.check_query(q)
        geocoder = await addresses.geocoder_for(municipality, await geo.territory_of(municipality))
        found = await geocoder.search(query, limit) if query else []
        status = await addresses.status_of(municipality.id)
        return AddressSuggestions(addresses=[Address.of(f) for f in found], attribution=status.attribution)

    @get(
        "/reverse",
        operation_id="reverseAddress",
        guards=[public],
        summary="The nearest address to a point inside the municipality (null when no house is near)",
    )
    async def reverse(
        self,
        slug: FromPath[str],
        municipality: MunicipalityDep,
        lat: Annotated[float, QueryParameter(ge=-90, le=90)],
        lon: Annotated[float, QueryParameter(ge=-180, le=180)],
    ) -> ReverseAddress:
        territory = await geo.territory_of(municipality)
        territory.check_point(lon, lat)
        found = await (await addresses.geocoder_for(municipality, territory)).reverse(lat, lon)
        return ReverseAddress(address=Address.of(found) if found else None)


class AddressAdminController(Controller):
    path = "/api/v1/municipalities/{slug:str}/admin/addresses"
    tags = ["addresses"]
    guards = [requires_role(Role.ADMIN)]

    @get("/", operation_id="getAddressRegister", summary="The register's size, source and the outside geocoder")
    async def status(self, slug: FromPath[str], municipality: MunicipalityDep) -> AddressRegisterStatus:
        return _status(await addresses.status_of(municipality.id))

    @post(
        "/",
        operation_id="importAddressRegister",
        status_code=200,
        summary="Replace the register by an open CSV or GeoJSON file; answers the rejected rows with reasons",
        request_max_body_size=importing.MAX_BYTES + 1024 * 1024,
    )
    async def import_register(
        self,
        slug: FromPath[str],
        municipality: MunicipalityDep,
        actor: ActorDep,
        data: MultipartBody[AddressFileForm],
    ) -> AddressImport:
        if data.licence not in importing.LICENCES:
            raise importing.UnknownLicence()
        content = await data.data.read()
        rows, result = importing.parse(content, await geo.territory_of(municipality))
        await importing.replace_register(
            municipality.id, rows, licence=data.licence, attribution=data.attribution, approximate=data.approximate
        )
        record = recorder(municipality.id, actor, "address_register_imported")
        await record({}, {"accepted": result.accepted, "rejected": result.rejected_count, "licence": data.licence})
        return AddressImport.of(result)

    @delete("/", operation_id="deleteAddressRegister", status_code=200, summary="Empty the register")
    async def clear(self, slug: FromPath[str], municipality: MunicipalityDep, actor: ActorDep) -> AddressRegisterStatus:
        await importing.clear_register(municipality.id)
        await recorder(municipality.id, actor, "address_register_deleted")({}, {})
        return _status(await addresses.status_of(municipality.id))

    @put(
        "/geocoder",
        operation_id="setOutsideGeocoder",
        summary="Configure a Nominatim- or Photon-compatible geocoder (typed addresses and pins are then sent to it)",
    )
    async def set_geocoder(
        self, slug: FromPath[str], municipality: MunicipalityDep, actor: ActorDep, data: JSONBody[OutsideGeocoderUpdate]
    ) -> AddressRegisterStatus:
        before = await addresses.status_of(municipality.id)
        after = await addresses.configure_outside(municipality.id, data.kind, data.url)
        await recorder(municipality.id, actor, "geocoder_changed")(
            {"kind": before.outside_kind, "url": before.outside_url},
            {"kind": after.outside_kind, "url": after.outside_url},
        )
        return _status(after)
