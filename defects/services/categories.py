"""Categories of a municipality: what can be reported and which department receives it."""

from __future__ import annotations

import json
from typing import Any

from defects.errors import CategoryNotFound
from defects.jsonvalue import json_value
from defects.schemas import CategoryCreate
from defects.tables import Category
from geo.errors import Conflict, NotFound
from geo.tables import Department


def questions_of(row: dict[str, Any]) -> list[dict[str, Any]]:
    return list(json_value(row["questions"]) or [])


async def get_category_by_id(category_id: int) -> dict[str, Any]:
    row = await Category.select(*Category.all_columns()).where(Category.id == category_id).first()
    if row is None:
        raise CategoryNotFound()
    return row


async def list_categories(municipality_id: int, *, include_retired: bool = False) -> list[dict[str, Any]]:
    """In the admins' order; retired ones only when asked (new reports and Open311 never see them)."""
    query = Category.select(*Category.all_columns(), Category.department.name.as_alias("department_name")).where(
        Category.municipality == municipality_id
    )
    if not include_retired:
        query = query.where(Category.retired_at.is_null())
    return await query.order_by(Category.position).order_by(Category.id)


async def get_category(
    municipality_id: int, code: str, field: str = "category", *, include_retired: bool = True
) -> dict[str, Any]:
    """By code; a retired one still names existing reports (map filter, details), but takes no new ones."""
    query = Category.select(*Category.all_columns(), Category.department.name.as_alias("department_name")).where(
        (Category.municipality == municipality_id) & (Category.code == code)
    )
    if not include_retired:
        query = query.where(Category.retired_at.is_null())
    row = await query.first()
    if row is None:
        raise CategoryNotFound(field)
    return row


async def create_category(municipality_id: int, data: CategoryCreate, position: int | None = None) -> int:
    if await Category.exists().where((Category.municipality == municipality_id) & (Category.code == data.code)):
        raise Conflict("Diesen Kategorie-Code gibt es schon.", "This category code exists already.", field="code")
    if data.department_id is not None and not await Department.exists().where(
        (Department.id == data.department_id) & (Department.municipality == municipality_id)
    ):
        raise NotFound(
            "Diesen Fachbereich gibt es hier nicht.", "There is no such department here.", field="department_id"
        )
    if position is None:
        position = await Category.count().where(Category.municipality == municipality_id)
    row = Category(
        municipality=municipality_id,
        code=data.code,
        name_de=data.name_de,
        name_en=data.name_en,
        description_de=data.description_de,
        description_en=data.description_en,
        icon=data.icon,
        department=data.department_id,
        questions=json.dumps([q.model_dump() for q in data.questions]),
        duplicate_radius_m=data.duplicate_radius_m,
        position=position,
    )
    await row.save()
    return row.id
