"""The municipality's profile for its admins (contact, logo, colour, council, licence, map), and its public logo."""

from __future__ import annotations

import asyncio
from typing import Any

from litestar import Controller, Response, delete, get, patch, put
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, JSONBody, MultipartBody

from backend.auth import public, requires_role
from backend.dependencies import ActorDep, MunicipalityDep, SettingsDep
from backend.uploads import LogoForm, photo_store
from contributions.actor import Actor
from geo import profile
from geo.profile import MunicipalityProfile, MunicipalityProfileUpdate, Recorder
from geo.roles import Role
from moderation import audit


def recorder(municipality_id: int, actor: Actor, action: str) -> Recorder:
    """Admin changes go into the municipality's audit log, inside the change's transaction."""

    async def record(before: dict[str, Any], after: dict[str, Any]) -> None:
        await audit.record(municipality_id, action, actor_id=actor.id, before=before, after=after)

    return record


class ProfileController(Controller):
    path = "/api/v1/municipalities/{slug:str}/profile"
    tags = ["municipalities"]
    guards = [requires_role(Role.ADMIN)]

    @get("/", operation_id="getMunicipalityProfile", summary="The profile as its admins edit it")
    async def get_profile(self, slug: FromPath[str], municipality: MunicipalityDep) -> MunicipalityProfile:
        return profile.profile_of(municipality)

    @patch(
        "/",
        operation_id="updateMunicipalityProfile",
        summary="Change name, contact, council, colour (≥ 4.5:1 against white), licence or map tiles",
    )
    async def update_profile(
        self,
        slug: FromPath[str],
        municipality: MunicipalityDep,
        actor: ActorDep,
        data: JSONBody[MunicipalityProfileUpdate],
    ) -> MunicipalityProfile:
        return await profile.update_profile(municipality, data, recorder(municipality.id, actor, "profile_changed"))

    @put(
        "/logo",
        operation_id="setMunicipalityLogo",
        summary="Upload the logo or coat of arms (JPEG, PNG or WebP up to 2 MB; re-encoded as PNG, metadata removed)",
    )
    async def set_logo(
        self,
        slug: FromPath[str],
        municipality: MunicipalityDep,
        actor: ActorDep,
        settings: SettingsDep,
        data: MultipartBody[LogoForm],
    ) -> MunicipalityProfile:
        store = photo_store(settings)
        stored = await asyncio.to_thread(store.ingest_logo, await data.data.read(), "logo")
        record = recorder(municipality.id, actor, "logo_changed")
        updated, old = await profile.set_logo(municipality, stored.key, record)
        if old:
            store.delete(old)
        return updated

    @delete("/logo", operation_id="removeMunicipalityLogo", status_code=200, summary="Remove the logo")
    async def remove_logo(
        self, slug: FromPath[str], municipality: MunicipalityDep, actor: ActorDep, settings: SettingsDep
    ) -> MunicipalityProfile:
        updated, old = await profile.set_logo(municipality, "", recorder(municipality.id, actor, "logo_removed"))
        if old:
            photo_store(settings).delete(old)
        return updated


class LogoController(Controller):
    path = "/api/v1/municipalities/{slug:str}/logo"
    tags = ["municipalities"]

    @get(
        "/",
        operation_id="getMunicipalityLogo",
        guards=[public],
        media_type="image/png",
        summary="The municipality's logo or coat of arms (PNG); 404 when it has none",
    )
    async def logo(self, slug: FromPath[str], municipality: MunicipalityDep, settings: SettingsDep) -> Response[bytes]:
        if not municipality.logo_key:
            raise NotFoundException()
        data = await asyncio.to_thread(photo_store(settings).read, municipality.logo_key)
        # The address carries the file's key (?v=…): a new logo is a new address, so this one may be cached long.
        return Response(data, media_type="image/png", headers={"cache-control": "public, max-age=86400"})
