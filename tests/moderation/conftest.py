"""People and places for moderation's API tests: a moderator and an admin of Taunusstein, a resident,
a moderator of another municipality, and a fake content type that records what decisions do."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from geo.roles import Role
from geo.services import create_from_ags
from tests.factories import logged_in, person
from tests.moderation.factories import RecordingContent, recording

MODERATOR = "moderation@taunusstein.example"
ADMIN = "admin@taunusstein.example"
RESIDENT = "anna@example.org"
OTHER_MODERATOR = "moderation@wiesbaden.example"


@dataclass
class Scene:
    municipality: Any
    other: Any
    moderator: int
    admin: int
    resident: int
    other_moderator: int
    notes: RecordingContent

    def url(self, path: str = "", slug: str | None = None) -> str:
        return f"/api/v1/municipalities/{slug or self.municipality.slug}/moderation{path}"


@pytest.fixture
async def scene(taunusstein) -> Scene:
    wiesbaden = await create_from_ags("06414000")
    return Scene(
        municipality=taunusstein,
        other=wiesbaden,
        moderator=await person(MODERATOR, roles=(Role.MODERATOR,), municipality=taunusstein, name="Mo Derator"),
        admin=await person(ADMIN, roles=(Role.ADMIN,), municipality=taunusstein, name="Ad Min"),
        resident=await person(RESIDENT, name="Anna"),
        other_moderator=await person(OTHER_MODERATOR, roles=(Role.MODERATOR,), municipality=wiesbaden),
        notes=recording(),
    )


async def as_moderator(client: Any) -> None:
    await logged_in(client, MODERATOR)
