"""Who may see and handle what: small pure predicates over the shared Actor (table-tested)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from contributions.actor import Actor
from geo.roles import Role
from moderation.hook import Visibility


def is_staff(actor: Actor) -> bool:
    """Staff of the municipality (admins included) see every report, even unconfirmed or hidden ones."""
    return actor.holds(Role.STAFF, Role.ADMIN)


def may_see(actor: Actor, visibility: str, confirmed: bool, author: int | None = None) -> bool:
    """Staff see every report; the logged-in reporter their own (to follow it while it waits for moderation);
    everyone else a confirmed, public one."""
    if is_staff(actor):
        return True
    if author is not None and actor.user_id == author:
        return True
    return confirmed and visibility == Visibility.PUBLIC


def handling_department(report: Mapping[str, Any], category: Mapping[str, Any]) -> int | None:
    """The department that works on a report: the one it was routed to, else (older rows) its category's."""
    routed = report.get("department")
    return int(routed) if routed is not None else category["department"]


def may_handle(actor: Actor, department_id: int | None) -> bool:
    """Change a report's status: admins always, staff only for their own department's categories."""
    if actor.holds(Role.ADMIN):
        return True
    return actor.holds(Role.STAFF) and department_id is not None and department_id in actor.departments


def may_see_contact(actor: Actor, department_id: int | None) -> bool:
    """The reporter's e-mail, name and phone: only for those who work on the report (data minimisation)."""
    return may_handle(actor, department_id)


def may_file_on_behalf(actor: Actor) -> bool:
    return is_staff(actor)


def may_manage(actor: Actor) -> bool:
    """Categories and Open311 API keys belong to the municipality's admins."""
    return actor.holds(Role.ADMIN)
