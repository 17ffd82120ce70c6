"""The person asking, as one municipality sees them: resolved once per request by the web shell."""

from __future__ import annotations

from dataclasses import dataclass, field

from geo import pooled
from geo.errors import Forbidden
from geo.roles import Role, effective_roles
from geo.tables import Membership


class LoginRequired(Forbidden):
    """A use case that needs a person was called for an anonymous actor (the guards normally stop this first)."""

    code = "login-required"

    def __init__(self) -> None:
        super().__init__("Bitte melden Sie sich an.", "Please log in.")


@dataclass(frozen=True, slots=True)
class Actor:
    """Anonymous when `user_id` is None; `roles` held in this municipality (admin implies the others);
    `departments` are the ids of the departments the person works in there."""

    user_id: int | None = None
    roles: frozenset[Role] = frozenset()
    departments: frozenset[int] = field(default_factory=frozenset)

    @property
    def logged_in(self) -> bool:
        return self.user_id is not None

    @property
    def id(self) -> int:
        """The person's user id; for use cases that need someone logged in."""
        if self.user_id is None:
            raise LoginRequired()
        return self.user_id

    def holds(self, *roles: Role) -> bool:
        return bool(self.roles & set(roles))


ANONYMOUS = Actor()
_ROLES = (
    'SELECT "user", municipality, role, department FROM "membership" '
    'WHERE ("user", municipality) IN (SELECT * FROM unnest($1::integer[], $2::integer[]))'
)


async def actor_in(user_id: int | None, municipality_id: int) -> Actor:
    """The actor as `municipality_id` sees them: roles (with those admin implies) and departments, one query.

    The web shell calls this once per request; the demo, the command line and tests call it directly."""
    if user_id is None:
        return ANONYMOUS
    rows = await pooled.fetch_together(Membership, _ROLES, (user_id, municipality_id), ("user", "municipality"))
    if rows is None:
        rows = await Membership.select(Membership.role, Membership.department).where(
            (Membership.user == user_id) & (Membership.municipality == municipality_id)
        )
    return Actor(
        user_id=user_id,
        roles=effective_roles({Role(r["role"]) for r in rows}),
        departments=frozenset(r["department"] for r in rows if r["department"] is not None),
    )
