"""Who may see and handle what: small pure predicates over a Viewer (table-tested)."""

from __future__ import annotations

from dataclasses import dataclass, field

from geo.roles import Role
from moderation.hook import Visibility


@dataclass(frozen=True)
class Viewer:
    """The person asking, as far as one municipality is concerned."""

    user_id: int | None = None
    roles: frozenset[Role] = frozenset()
    departments: frozenset[int] = field(default_factory=frozenset)


ANONYMOUS = Viewer()


def is_staff(viewer: Viewer) -> bool:
    """Staff of the municipality (admins included) see every report and the reporters' contact."""
    return bool(viewer.roles & {Role.STAFF, Role.ADMIN})


def may_see(viewer: Viewer, visibility: str, confirmed: bool) -> bool:
    if is_staff(viewer):
        return True
    return confirmed and visibility == Visibility.PUBLIC


def may_handle(viewer: Viewer, department_id: int | None) -> bool:
    """Change a report's status: admins always, staff only for their own department's categories."""
    if Role.ADMIN in viewer.roles:
        return True
    return Role.STAFF in viewer.roles and department_id is not None and department_id in viewer.departments


def may_file_on_behalf(viewer: Viewer) -> bool:
    return is_staff(viewer)


def may_manage(viewer: Viewer) -> bool:
    """Categories and Open311 API keys belong to the municipality's admins."""
    return Role.ADMIN in viewer.roles
