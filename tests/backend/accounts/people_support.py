"""A town with one person of every role, and an admin of another town: the cast of the back-office tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from geo.roles import Role
from geo.services import create_department, create_from_ags
from tests.factories import person

ROLE_EMAILS = {
    "resident": "resi@taunusstein.example",
    "staff": "staff@taunusstein.example",
    "moderator": "mod@taunusstein.example",
    "admin": "admin@taunusstein.example",
    "council": "rat@taunusstein.example",
    "other_admin": "admin@wiesbaden.example",
}
# Who may use an admin-only endpoint (anonymous: 401, logged in without the role: 403).
EXPECTED_ADMIN_ONLY = {
    "anonymous": 401,
    "resident": 403,
    "staff": 403,
    "moderator": 403,
    "council": 403,
    "other_admin": 403,
}


@dataclass
class Cast:
    town: Any
    other: Any
    department: Any
    ids: dict[str, int]


async def cast(taunusstein: Any) -> Cast:
    wiesbaden = await create_from_ags("06414000")
    department = await create_department(taunusstein.id, "Bauhof", "bauhof@taunusstein.example")
    ids = {}
    for role in ("resident", "staff", "moderator", "admin", "council"):
        ids[role] = await person(
            ROLE_EMAILS[role],
            roles=(Role(role),),
            municipality=taunusstein,
            name=role.capitalize(),
            department_id=department.id if role == "staff" else None,
        )
    ids["other_admin"] = await person(
        ROLE_EMAILS["other_admin"], roles=(Role.ADMIN,), municipality=wiesbaden, name="Wiesbaden Admin"
    )
    return Cast(taunusstein, wiesbaden, department, ids)
