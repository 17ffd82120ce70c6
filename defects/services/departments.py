"""Departments of a municipality as the back office runs them: create, change, retire, delete when unused.

A department lives in `geo` (staff memberships name it); the Mängelmelder routes reports to it, so what may
happen to one depends on the categories and rules here. Every change is written to the audit log.
"""

from __future__ import annotations

from typing import Any

from defects.admin_schemas import Department as DepartmentOut
from defects.admin_schemas import DepartmentCreate, DepartmentUpdate, StaffMember
from defects.tables import Category, RoutingRule
from geo import clock
from geo.errors import Conflict, Invalid, NotFound
from geo.roles import Role
from geo.tables import Department, Membership
from moderation import audit

PLACEHOLDER_DOMAIN = "bitte-eintragen.example"


def placeholder_address(slug: str) -> str:
    """Where a new town's reports go until an admin enters the real address (the checklist asks for it)."""
    return f"{slug}@{PLACEHOLDER_DOMAIN}"


def is_placeholder(address: str) -> bool:
    return address.lower().endswith(f"@{PLACEHOLDER_DOMAIN}")


def addresses(row: dict[str, Any]) -> list[str]:
    """Every address of a department row: the first one, then the further ones (one a line)."""
    more = [line.strip() for line in str(row.get("more_emails") or "").splitlines() if line.strip()]
    return [a for a in [str(row.get("email") or ""), *more] if a]


class DepartmentNotFound(NotFound):
    code = "department-not-found"

    def __init__(self, field: str = "id") -> None:
        super().__init__("Diesen Fachbereich gibt es hier nicht.", "There is no such department here.", field=field)


async def get_department(municipality_id: int, department_id: int, field: str = "id") -> dict[str, Any]:
    row = (
        await Department.select(*Department.all_columns())
        .where((Department.id == department_id) & (Department.municipality == municipality_id))
        .first()
    )
    if row is None:
        raise DepartmentNotFound(field)
    return row


async def check_active_department(municipality_id: int, department_id: int, field: str) -> None:
    """A department a category or rule may name: of this municipality and not retired (422 otherwise)."""
    row = (
        await Department.select(Department.retired_at)
        .where((Department.id == department_id) & (Department.municipality == municipality_id))
        .first()
    )
    if row is None or row["retired_at"] is not None:
        raise Invalid(
            "Bitte wählen Sie einen der aktiven Fachbereiche.",
            "Please choose one of the active departments.",
            field=field,
        )


async def default_department(municipality_id: int) -> dict[str, Any] | None:
    return (
        await Department.select(*Department.all_columns())
        .where(
            (Department.municipality == municipality_id)
            & (Department.is_default == True)  # noqa: E712 (Piccolo builds SQL from ==)
            & Department.retired_at.is_null()
        )
        .first()
    )


async def list_departments(municipality_id: int) -> list[DepartmentOut]:
    rows = (
        await Department.select(*Department.all_columns())
        .where(Department.municipality == municipality_id)
        .order_by(Department.name)
    )
    ids = [r["id"] for r in rows] or [-1]
    categories = await Category.select(Category.department, Category.name_de, Category.retired_at).where(
        Category.department.is_in(ids)
    )
    rules = await RoutingRule.select(RoutingRule.department).where(RoutingRule.department.is_in(ids))
    staff = await Membership.select(
        Membership.department,
        Membership.user.id.as_alias("user_id"),
        Membership.user.first_name.as_alias("name"),
        Membership.user.email.as_alias("email"),
    ).where(
        Membership.department.is_in(ids)
        & (Membership.municipality == municipality_id)
        & (Membership.role == Role.STAFF)
    )
    used = {r["department"] for r in [*rules, *categories, *staff]}
    return [
        DepartmentOut(
            id=r["id"],
            name=r["name"],
            emails=addresses(r),
            phone=r["phone"],
            opening_hours=r["opening_hours"],
            is_default=bool(r["is_default"]),
            retired=r["retired_at"] is not None,
            categories=sorted(
                c["name_de"] for c in categories if c["department"] == r["id"] and c["retired_at"] is None
            ),
            staff=sorted(
                (
                    StaffMember(user_id=s["user_id"], name=s["name"] or s["email"], email=s["email"])
                    for s in staff
                    if s["department"] == r["id"]
                ),
                key=lambda m: m.name.casefold(),
            ),
            in_use=r["id"] in used,
            needs_address=any(is_placeholder(a) for a in addresses(r)),
        )
        for r in rows
    ]


async def department_out(municipality_id: int, department_id: int) -> DepartmentOut:
    return next(d for d in await list_departments(municipality_id) if d.id == department_id)


def _snapshot(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "department_id": row["id"],
        "name": row["name"],
        "emails": addresses(row),
        "phone": row["phone"],
        "opening_hours": row["opening_hours"],
        "is_default": bool(row["is_default"]),
        "retired": row["retired_at"] is not None,
    }


async def _clear_default(municipality_id: int) -> None:
    await Department.update({Department.is_default: False}).where(Department.municipality == municipality_id)


async def create_department(municipality_id: int, actor_id: int | None, data: DepartmentCreate) -> int:
    emails = [str(e).lower() for e in data.emails]
    async with Department._meta.db.transaction():
        await _unique_name(municipality_id, data.name.strip())
        first_default = await default_department(municipality_id) is None
        if data.is_default:
            await _clear_default(municipality_id)
        row = Department(
            municipality=municipality_id,
            name=data.name.strip(),
            email=emails[0],
            more_emails="\n".join(emails[1:]),
            phone=data.phone.strip(),
            opening_hours=data.opening_hours.strip(),
            is_default=data.is_default or first_default,
        )
        await row.save()
        after = await get_department(municipality_id, row.id)
        await audit.record(municipality_id, "department_created", actor_id=actor_id, after=_snapshot(after))
    return int(row.id)


async def _unique_name(municipality_id: int, name: str, except_id: int | None = None) -> None:
    query = Department.exists().where((Department.municipality == municipality_id) & (Department.name == name))
    if except_id is not None:
        query = query.where(Department.id != except_id)
    if await query:
        raise Conflict("Diesen Fachbereich gibt es schon.", "This department exists already.", field="name")


async def update_department(
    municipality_id: int, department_id: int, actor_id: int | None, data: DepartmentUpdate
) -> None:
    before = await get_department(municipality_id, department_id)
    given = data.model_fields_set
    values: dict[Any, Any] = {}
    if "name" in given and data.name is not None:
        await _unique_name(municipality_id, data.name.strip(), department_id)
        values[Department.name] = data.name.strip()
    if "emails" in given and data.emails is not None:
        emails = [str(e).lower() for e in data.emails]
        values[Department.email] = emails[0]
        values[Department.more_emails] = "\n".join(emails[1:])
    if "phone" in given and data.phone is not None:
        values[Department.phone] = data.phone.strip()
    if "opening_hours" in given and data.opening_hours is not None:
        values[Department.opening_hours] = data.opening_hours.strip()
    retiring = data.retired is True and before["retired_at"] is None
    if data.retired is not None:
        values[Department.retired_at] = clock.now() if data.retired else None
    if (retiring and before["is_default"]) or (data.is_default and (data.retired or before["retired_at"])):
        raise Conflict(
            "Der Standard-Fachbereich kann nicht ausgemustert werden. Bestimmen Sie zuerst einen anderen.",
            "The default department cannot be retired. Choose another default first.",
            field="retired" if retiring else "is_default",
        )
    async with Department._meta.db.transaction():
        if data.is_default:
            await _clear_default(municipality_id)
            values[Department.is_default] = True
        if values:
            await Department.update(values).where(Department.id == department_id)
        after = await get_department(municipality_id, department_id)
        await audit.record(
            municipality_id, "department_changed", actor_id=actor_id, before=_snapshot(before), after=_snapshot(after)
        )


async def delete_department(municipality_id: int, department_id: int, actor_id: int | None) -> None:
    """Only a department nothing refers to goes; one with categories, rules or staff can only retire."""
    before = await get_department(municipality_id, department_id)
    used = (
        await Category.exists().where(Category.department == department_id)
        or await RoutingRule.exists().where(RoutingRule.department == department_id)
        or await Membership.exists().where(Membership.department == department_id)
    )
    if used:
        raise Conflict(
            "Dieser Fachbereich wird von Kategorien, Zuständigkeiten oder Mitarbeitenden genutzt. "
            "Sie können ihn ausmustern, aber nicht löschen.",
            "Categories, routing rules or staff use this department. You can retire it, but not delete it.",
            field="id",
        )
    if before["is_default"]:
        raise Conflict(
            "Der Standard-Fachbereich kann nicht gelöscht werden. Bestimmen Sie zuerst einen anderen.",
            "The default department cannot be deleted. Choose another default first.",
            field="id",
        )
    async with Department._meta.db.transaction():
        await Department.delete().where(Department.id == department_id)
        await audit.record(municipality_id, "department_deleted", actor_id=actor_id, before=_snapshot(before))
