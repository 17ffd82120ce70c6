"""The person asking, as one municipality sees them: resolved once per request by the web shell."""

from __future__ import annotations

from dataclasses import dataclass, field

from geo.roles import Role


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

    def holds(self, *roles: Role) -> bool:
        return bool(self.roles & set(roles))


ANONYMOUS = Actor()
