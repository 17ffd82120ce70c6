"""What the single-page app needs to know about this deployment."""

from __future__ import annotations

from litestar import Controller, get
from pydantic import BaseModel

from backend.auth import public
from backend.dependencies import SettingsDep
from geo.boundaries import ATTRIBUTION, LICENCE, LICENCE_URL


class ClientConfig(BaseModel):
    tile_url: str
    tile_attribution: str
    boundary_attribution: str
    boundary_licence: str
    boundary_licence_url: str


class ConfigController(Controller):
    path = "/api/v1/config"
    tags = ["system"]
    guards = [public]

    @get("/", operation_id="getClientConfig", summary="Map tiles and attributions for the frontend")
    async def client_config(self, settings: SettingsDep) -> ClientConfig:
        return ClientConfig(
            tile_url=settings.tile_url,
            tile_attribution=settings.tile_attribution,
            boundary_attribution=ATTRIBUTION,
            boundary_licence=LICENCE,
            boundary_licence_url=LICENCE_URL,
        )
