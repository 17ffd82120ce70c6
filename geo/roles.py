"""The roles a person can hold in a municipality."""

from enum import StrEnum


class Role(StrEnum):
    RESIDENT = "resident"
    STAFF = "staff"
    MODERATOR = "moderator"
    ADMIN = "admin"
    COUNCIL = "council"


# Admins may do what moderators may do; every other role stands alone.
IMPLIED_ROLES: dict[Role, frozenset[Role]] = {
    Role.ADMIN: frozenset({Role.ADMIN, Role.MODERATOR, Role.STAFF, Role.COUNCIL}),
}


def effective_roles(held: set[Role]) -> frozenset[Role]:
    """The roles `held` grant, with those an admin implies."""
    granted: set[Role] = set(held)
    for role in held:
        granted |= IMPLIED_ROLES.get(role, frozenset())
    return frozenset(granted)
