"""Categories as the back office runs them: create, change, reorder, retire, delete when no report uses one.

A category's code is its Open311 service_code and never changes. Every change is written to the audit log
and marks the category changed for Open311's discovery.
"""

from __future__ import annotations

import json
from typing import Any

from defects import mapcache
from defects.admin_schemas import CategoryAdmin, CategoryNew, CategoryUpdate, IconChoice
from defects.errors import CategoryNotFound
from defects.icons import ICONS
from defects.questions import Question
from defects.services.categories import questions_of
from defects.services.departments import check_active_department
from defects.services.routing import check_routes, replace_routes, routes_of
from defects.tables import Category, Report
from geo import clock
from geo.errors import Conflict, Invalid
from moderation import audit


async def _row(municipality_id: int, category_id: int) -> dict[str, Any]:
    row = (
        await Category.select(*Category.all_columns(), Category.department.name.as_alias("department_name"))
        .where((Category.id == category_id) & (Category.municipality == municipality_id))
        .first()
    )
    if row is None:
        raise CategoryNotFound("id")
    return row


def _check_choices(questions: list[Question], field: str = "questions") -> None:
    codes = [q.code for q in questions]
    for index, question in enumerate(questions):
        if question.code in codes[:index]:
            raise Invalid(
                "Jede Frage braucht einen eigenen Code.",
                "Each question needs its own code.",
                field=f"{field}[{index}].code",
            )
        lists = question.datatype in ("singlevaluelist", "multivaluelist")
        if lists and not question.values:
            raise Invalid(
                "Eine Auswahlfrage braucht mindestens eine Antwort.",
                "A choice question needs at least one answer.",
                field=f"{field}[{index}].values",
            )
        keys = [v.key for v in question.values]
        if len(set(keys)) != len(keys):
            raise Invalid(
                "Jede Antwort braucht einen eigenen Schlüssel.",
                "Each answer needs its own key.",
                field=f"{field}[{index}].values",
            )


def icon_choices() -> list[IconChoice]:
    return [IconChoice(key=k, label_de=de, label_en=en) for k, de, en in ICONS]


async def admin_categories(municipality_id: int) -> list[CategoryAdmin]:
    rows = (
        await Category.select(*Category.all_columns(), Category.department.name.as_alias("department_name"))
        .where(Category.municipality == municipality_id)
        .order_by(Category.position)
        .order_by(Category.id)
    )
    ids = [r["id"] for r in rows]
    routes = await routes_of(ids)
    counts: dict[int, int] = {}
    for r in await Report.select(Report.category).where(Report.category.is_in(ids or [-1])):
        counts[r["category"]] = counts.get(r["category"], 0) + 1
    return [
        CategoryAdmin(
            id=r["id"],
            code=r["code"],
            name_de=r["name_de"],
            name_en=r["name_en"],
            description_de=r["description_de"],
            description_en=r["description_en"],
            icon=r["icon"],
            department_id=r["department"],
            department=r["department_name"],
            questions=[Question.model_validate(q) for q in questions_of(r)],
            duplicate_radius_m=r["duplicate_radius_m"],
            position=r["position"],
            retired=r["retired_at"] is not None,
            routes=routes.get(r["id"], []),
            report_count=counts.get(r["id"], 0),
        )
        for r in rows
    ]


async def admin_category(municipality_id: int, category_id: int) -> CategoryAdmin:
    await _row(municipality_id, category_id)
    return next(c for c in await admin_categories(municipality_id) if c.id == category_id)


def _snapshot(category: CategoryAdmin) -> dict[str, Any]:
    return category.model_dump(exclude={"report_count"})


async def create(municipality_id: int, actor_id: int | None, data: CategoryNew) -> int:
    if await Category.exists().where((Category.municipality == municipality_id) & (Category.code == data.code)):
        raise Conflict("Diesen Kategorie-Code gibt es schon.", "This category code exists already.", field="code")
    if data.department_id is not None:
        await check_active_department(municipality_id, data.department_id, "department_id")
    _check_choices(data.questions)
    routes = await check_routes(municipality_id, data.routes)
    async with Category._meta.db.transaction():
        position = await Category.count().where(Category.municipality == municipality_id)
        row = Category(
            municipality=municipality_id,
            code=data.code,
            name_de=data.name_de.strip(),
            name_en=data.name_en.strip(),
            description_de=data.description_de.strip(),
            description_en=data.description_en.strip(),
            icon=data.icon,
            department=data.department_id,
            questions=json.dumps([q.model_dump() for q in data.questions]),
            duplicate_radius_m=data.duplicate_radius_m,
            position=position,
        )
        await row.save()
        await replace_routes(row.id, routes)
        await audit.record(
            municipality_id,
            "category_created",
            actor_id=actor_id,
            after=_snapshot(await admin_category(municipality_id, row.id)),
        )
    mapcache.forget(municipality_id)
    return int(row.id)


async def update(municipality_id: int, category_id: int, actor_id: int | None, data: CategoryUpdate) -> None:
    before = await admin_category(municipality_id, category_id)
    given = data.model_fields_set
    values: dict[Any, Any] = {Category.changed_at: clock.now()}
    for name in ("name_de", "name_en", "description_de", "description_en"):
        value = getattr(data, name)
        if name in given and value is not None:
            values[Category._meta.get_column_by_name(name)] = value.strip()
    if "icon" in given and data.icon is not None:
        values[Category.icon] = data.icon
    if "department_id" in given:
        if data.department_id is not None and data.department_id != before.department_id:
            await check_active_department(municipality_id, data.department_id, "department_id")
        values[Category.department] = data.department_id
    if "questions" in given and data.questions is not None:
        _check_choices(data.questions)
        values[Category.questions] = json.dumps([q.model_dump() for q in data.questions])
    if "duplicate_radius_m" in given and data.duplicate_radius_m is not None:
        values[Category.duplicate_radius_m] = data.duplicate_radius_m
    if data.retired is False:
        values[Category.retired_at] = None
    elif data.retired and not before.retired:
        values[Category.retired_at] = clock.now()
    routes = await check_routes(municipality_id, data.routes) if data.routes is not None else None
    async with Category._meta.db.transaction():
        await Category.update(values).where(Category.id == category_id)
        if routes is not None:
            await replace_routes(category_id, routes)
        await audit.record(
            municipality_id,
            "category_changed",
            actor_id=actor_id,
            before=_snapshot(before),
            after=_snapshot(await admin_category(municipality_id, category_id)),
        )
    mapcache.forget(municipality_id)


async def delete(municipality_id: int, category_id: int, actor_id: int | None) -> None:
    """Only a category without reports goes; one with reports can only retire (its reports keep it)."""
    before = await admin_category(municipality_id, category_id)
    if before.report_count:
        raise Conflict(
            "Zu dieser Kategorie gibt es Meldungen. Sie können sie ausmustern, aber nicht löschen.",
            "This category has reports. You can retire it, but not delete it.",
            field="id",
        )
    async with Category._meta.db.transaction():
        await Category.delete().where(Category.id == category_id)
        await audit.record(municipality_id, "category_deleted", actor_id=actor_id, before=_snapshot(before))
        await _renumber(municipality_id, [c.id for c in await admin_categories(municipality_id)])


async def _renumber(municipality_id: int, ordered_ids: list[int]) -> None:
    for position, category_id in enumerate(ordered_ids):
        await Category.update({Category.position: position, Category.changed_at: clock.now()}).where(
            (Category.id == category_id) & (Category.municipality == municipality_id)
        )


async def move(municipality_id: int, category_id: int, actor_id: int | None, direction: str) -> None:
    """One place up or down; the first stays first and the last stays last."""
    await _row(municipality_id, category_id)
    ids = [
        c["id"]
        for c in await Category.select(Category.id)
        .where(Category.municipality == municipality_id)
        .order_by(Category.position)
        .order_by(Category.id)
    ]
    index = ids.index(category_id)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(ids):
        return
    ids[index], ids[other] = ids[other], ids[index]
    async with Category._meta.db.transaction():
        await _renumber(municipality_id, ids)
        await audit.record(
            municipality_id,
            "category_moved",
            actor_id=actor_id,
            before={"category_id": category_id, "position": index},
            after={"category_id": category_id, "position": other},
        )
