"""Shared steps of the legal page tests: two towns, one person per role, an admin publishing a page."""

from __future__ import annotations

from typing import Any

from geo.roles import Role
from geo.services import create_from_ags
from geo.tables import Municipality
from tests.factories import logged_in, person

BASE = "/api/v1/municipalities/{slug}/legal"
WIESBADEN_AGS = "06414000"
ADMIN = "admin@taunusstein.example"
# Everyone who may not edit Taunusstein's pages: the roles there below admin, and an admin of another town.
NOT_EDITORS = ["resident", "staff", "moderator", "council", "other-admin"]


def url(slug: str, rest: str = "") -> str:
    return BASE.format(slug=slug) + rest


async def wiesbaden() -> Municipality:
    town = await create_from_ags(WIESBADEN_AGS)
    await Municipality.update({Municipality.contact_email: "rathaus@wiesbaden.example"}).where(
        Municipality.id == town.id
    )
    return town


async def as_role(client: Any, who: str, taunusstein: Municipality) -> None:
    """Log `client` in as `who` ("anonymous" stays logged out)."""
    if who == "anonymous":
        return
    if who == "other-admin":
        await person("admin@wiesbaden.example", roles=(Role.ADMIN,), municipality=await wiesbaden())
        await logged_in(client, "admin@wiesbaden.example")
        return
    await person(f"{who}@example.org", roles=(Role(who),), municipality=taunusstein)
    await logged_in(client, f"{who}@example.org")


async def publish(client: Any, slug: str, kind: str, body: str) -> dict[str, Any]:
    saved = await client.put(url(slug, f"/{kind}/draft"), json={"body": body})
    assert saved.status_code == 200, saved.text
    published = await client.post(url(slug, f"/{kind}/publish"))
    assert published.status_code == 200, published.text
    return dict(published.json())


async def log_out(client: Any) -> None:
    """Forget the login, then fetch a fresh CSRF cookie as the frontend does on load."""
    client.cookies.clear()
    await client.get("/api/health")
