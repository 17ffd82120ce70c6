"""multipart/form-data of a contribution with photos: one JSON part, up to three `photos` files (one request).

Report filing and proposals use the same forms and helpers, so a bad part gives the same 422 everywhere.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, TypeVar

from litestar.datastructures import UploadFile
from litestar.exceptions import ValidationException
from pydantic import BaseModel, ValidationError

from backend.inputs import problems, refuse
from backend.settings import Settings
from media.photos import PhotoStore

M = TypeVar("M", bound=BaseModel)


@dataclass
class ReportForm:
    """multipart/form-data: `report` holds the JSON of the report, `photos` up to three image files."""

    report: str
    photos: list[UploadFile] = field(default_factory=list)


@dataclass
class ProposalForm:
    """multipart/form-data: `proposal` holds the JSON of the proposal, `photos` up to three image files."""

    proposal: str
    photos: list[UploadFile] = field(default_factory=list)


@dataclass
class CoverForm:
    """multipart/form-data: `data` holds the cover image file (a form without it is a 422 naming `data`)."""

    data: UploadFile


@dataclass
class LogoForm:
    """multipart/form-data: `data` holds the logo or coat of arms (a form without it is a 422 naming `data`)."""

    data: UploadFile


def photo_store(settings: Settings) -> PhotoStore:
    return PhotoStore(settings.media_dir)


def parse_model(model: type[M], raw: str | dict[str, Any], prefix: str) -> M:
    """Validate the JSON part into `model`; errors become the same 422 problem as any JSON body, fields named
    below the part (e.g. `proposal.title`)."""
    try:
        data = json.loads(raw, parse_constant=_no_constant) if isinstance(raw, str) else raw
    except ValueError:
        raise ValidationException(extra=[{"key": prefix.rstrip("."), "message": "Invalid JSON"}]) from None
    refuse(problems(data, prefix.rstrip(".")))
    try:
        return model.model_validate(data)
    except ValidationError as error:
        extra = [{"key": prefix + ".".join(str(p) for p in e["loc"]), "message": e["msg"]} for e in error.errors()]
        raise ValidationException(extra=extra) from None


def _no_constant(name: str) -> Any:
    """`NaN` and `Infinity` are not JSON (Python's json module accepts them unless told otherwise)."""
    raise ValueError(name)


async def photo_bytes(files: list[UploadFile] | UploadFile | None) -> list[bytes]:
    if files is None:
        return []
    if not isinstance(files, list):
        files = [files]
    contents = [await f.read() for f in files]
    return [c for c in contents if c]  # an empty part is "no photo", as browsers send for an empty file input
