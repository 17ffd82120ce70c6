"""Every photo of every contribution, at one URL: `/photos/{id}`, `?size=thumb` for the small one."""

from __future__ import annotations

import asyncio
from typing import Literal

from litestar import Controller, Response, get
from litestar.params import FromPath, Parameter

from backend.auth import public
from backend.dependencies import ActorDep, MunicipalityDep, SettingsDep
from backend.params import PathId
from backend.uploads import photo_store
from contributions import photos
from defects import services as defects
from defects.services import updates
from proposals import services as proposals

# Who may see the contribution a photo belongs to, per content type (the owner's own rules).
OWNERS: dict[str, photos.OwnerLookup] = {
    "proposal": proposals.photo_access,
    "defect_report": defects.photo_access,
    "defect_report_after": defects.photo_access,  # "nachher": staff's photos when closing
    "defect_update": updates.photo_access,  # residents' updates to a report
}


class PhotoController(Controller):
    path = "/api/v1/municipalities/{slug:str}/photos"
    tags = ["photos"]

    @get(
        "/{photo_id:int}",
        operation_id="getPhoto",
        guards=[public],
        summary="A photo of a proposal or report (JPEG, metadata removed); size=thumb for the small one",
        media_type="image/jpeg",
    )
    async def photo(
        self,
        slug: FromPath[str],
        photo_id: PathId,
        municipality: MunicipalityDep,
        actor: ActorDep,
        settings: SettingsDep,
        size: Literal["full", "thumb"] = Parameter(default="full"),
    ) -> Response[bytes]:
        key = await photos.file_of(municipality.id, photo_id, actor, OWNERS, thumb=size == "thumb")
        data = await asyncio.to_thread(photo_store(settings).read, key)
        return Response(data, media_type="image/jpeg", headers={"cache-control": "private, max-age=3600"})
