"""Glue between the web shell and the Mängelmelder: the viewer, multipart report forms, the photo store."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, TypeVar

from litestar.datastructures import UploadFile
from litestar.exceptions import ValidationException
from pydantic import BaseModel, ValidationError

from backend.accounts.services import Account
from backend.settings import Settings
from defects.rules import ANONYMOUS, Viewer
from geo import services as geo
from geo.tables import Municipality
from media.photos import PhotoStore

M = TypeVar("M", bound=BaseModel)

async def viewer_for(account: Account | None, municipality: Municipality) -> Viewer:
    if account is None:
        return ANONYMOUS
    return Viewer(
        user_id=account.id,
        roles=await geo.roles_of(account.id, municipality.id),
        departments=frozenset(await geo.departments_of(account.id, municipality.id)),
    )


def photo_store(settings: Settings) -> PhotoStore:
    return PhotoStore(settings.media_dir)


@dataclass
class ReportForm:
    """multipart/form-data: `report` holds the JSON of the report, `photos` up to three image files."""

    report: str
    photos: list[UploadFile] = field(default_factory=list)


def parse_model(model: type[M], raw: str | dict[str, Any], prefix: str = "") -> M:
    """Validate into `model`; errors become the same 422 problem as any JSON body, fields named."""
    try:
        data = json.loads(raw) if isinstance(raw, str) else raw
    except ValueError:
        raise ValidationException(extra=[{"key": prefix or "report", "message": "Invalid JSON"}]) from None
    try:
        return model.model_validate(data)
    except ValidationError as error:
        extra = [{"key": prefix + ".".join(str(p) for p in e["loc"]), "message": e["msg"]} for e in error.errors()]
        raise ValidationException(extra=extra) from None


async def photo_bytes(files: list[UploadFile] | UploadFile | None) -> list[bytes]:
    if files is None:
        return []
    if not isinstance(files, list):
        files = [files]
    contents = [await f.read() for f in files]
    return [c for c in contents if c]  # an empty part is "no photo", as browsers send for an empty file input
