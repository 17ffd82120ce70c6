"""Test data with intent: places and people in the states a scenario needs."""

from __future__ import annotations

import json
from typing import Any

from shapely.geometry import box, mapping, shape

from backend.accounts.services import create_account
from backend.demo import TAUNUSSTEIN_AGS, TAUNUSSTEIN_DISTRICTS
from geo import services as geo
from geo.roles import Role
from geo.tables import Municipality

PASSWORD = "correct horse battery staple"
# Inside Taunusstein (Wehen, near the town hall) and clearly outside (Wiesbaden city centre).
INSIDE = {"lat": 50.1586, "lon": 8.1781}
OUTSIDE = {"lat": 50.0826, "lon": 8.2400}


def split_into_districts(boundary: dict[str, Any], names: list[str]) -> dict[str, Any]:
    """Cut the boundary into vertical strips, one per name: districts with real polygons for tests."""
    geometry = shape(boundary)
    west, south, east, north = geometry.bounds
    width = (east - west) / len(names)
    features = []
    for index, name in enumerate(names):
        strip = box(west + index * width, south, west + (index + 1) * width, north)
        part = geometry.intersection(strip)
        features.append({"type": "Feature", "properties": {"name": name}, "geometry": mapping(part)})
    return {"type": "FeatureCollection", "features": features}


async def taunusstein_with_districts() -> Municipality:
    municipality = await geo.create_from_ags(TAUNUSSTEIN_AGS, district_names=TAUNUSSTEIN_DISTRICTS)
    await geo.upload_districts(
        municipality, split_into_districts(json.loads(municipality.boundary), TAUNUSSTEIN_DISTRICTS)
    )
    return await geo.get_municipality(municipality.slug)


async def person(
    email: str = "resident@example.org",
    *,
    roles: tuple[Role, ...] = (),
    municipality: Municipality | None = None,
    verified: bool = True,
    name: str = "Resi Dent",
    department_id: int | None = None,
) -> int:
    user_id = await create_account(email, PASSWORD, name, verified=verified, hashing="fast-insecure")
    for role in roles:
        assert municipality is not None
        await geo.grant_role(user_id, municipality.id, role, department_id)
    return user_id


async def logged_in(client: Any, email: str, password: str = PASSWORD) -> None:
    response = await client.post("/api/v1/auth/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.text


def proposal_form(proposal: dict[str, Any], photos: list[bytes] | None = None) -> list[Any]:
    """The multipart form the frontend sends for a new proposal: the `proposal` JSON, then its photos."""
    parts: list[Any] = [("proposal", (None, json.dumps(proposal)))]
    parts += [("photos", (f"foto{i}.jpg", content, "image/jpeg")) for i, content in enumerate(photos or [])]
    return parts
