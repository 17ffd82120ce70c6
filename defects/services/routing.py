"""Who receives a report: the most specific rule wins.

A drawn area of the category that holds the point, then the category's rule for the report's district, then
the category's department, then the municipality's default department. A retired department receives nothing
new: a rule or category naming one is passed over. A rule may name an outside body instead of a department
(e.g. Hessen Mobil for Landesstraßen): the report is then answered "nicht zuständig" with that body's contact.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from shapely.geometry import Point, shape

from defects.admin_schemas import ExternalBody, Route, RouteIn
from defects.services.departments import check_active_department, default_department
from defects.tables import RoutingRule
from geo.errors import Invalid
from geo.tables import Department, District, Municipality


@dataclass(frozen=True)
class Responsible:
    """The outcome: a department row, or an outside body, or neither (then the town's contact address)."""

    department: dict[str, Any] | None = None
    external: ExternalBody | None = None
    by: str = "town"  # area, district, category, default, town

    def external_text(self) -> str:
        """The outside body as one line for the report's history: name, e-mail, phone, web."""
        if self.external is None:
            return ""
        parts = [self.external.name]
        if self.external.email:
            parts.append(f"E-Mail: {self.external.email}")
        if self.external.phone:
            parts.append(f"Tel. {self.external.phone}")
        if self.external.web:
            parts.append(self.external.web)
        return ", ".join(parts)[:300]


def _external(row: dict[str, Any]) -> ExternalBody | None:
    if not row["external_name"]:
        return None
    return ExternalBody(
        name=row["external_name"],
        email=row["external_email"] or None,
        phone=row["external_phone"],
        web=row["external_web"],
    )


async def _department(department_id: int | None) -> dict[str, Any] | None:
    if department_id is None:
        return None
    row = await Department.select(*Department.all_columns()).where(Department.id == department_id).first()
    return row if row is not None and row["retired_at"] is None else None


async def _from_rule(rule: dict[str, Any], by: str) -> Responsible | None:
    external = _external(rule)
    if external is not None:
        return Responsible(external=external, by=by)
    department = await _department(rule["department"])
    return Responsible(department=department, by=by) if department else None


async def responsible_for(
    municipality: Municipality, category: dict[str, Any], lon: float, lat: float, district_id: int | None
) -> Responsible:
    rules = await RoutingRule.select(*RoutingRule.all_columns()).where(RoutingRule.category == category["id"])
    point = Point(lon, lat)
    for rule in rules:
        if rule["area"] and shape(json.loads(rule["area"])).covers(point):
            found = await _from_rule(rule, "area")
            if found:
                return found
    for rule in rules:
        if district_id is not None and rule["district"] == district_id:
            found = await _from_rule(rule, "district")
            if found:
                return found
    department = await _department(category["department"])
    if department is not None:
        return Responsible(department=department, by="category")
    default = await default_department(municipality.id)
    if default is not None:
        return Responsible(department=default, by="default")
    return Responsible()


# --- storing the rules of a category --------------------------------------------------------------------


def _area_json(area: dict[str, Any], field: str) -> str:
    try:
        geometry = shape(area)
    except Exception:
        geometry = None
    if geometry is None or geometry.geom_type not in {"Polygon", "MultiPolygon"} or not geometry.is_valid:
        raise Invalid(
            "Die Fläche ist kein gültiges GeoJSON-Polygon.", "The area is not a valid GeoJSON polygon.", field=field
        )
    return json.dumps(area)


async def check_routes(municipality_id: int, routes: list[RouteIn]) -> list[dict[str, Any]]:
    """Every rule names a district or an area (not both) and a department or an outside body (not both)."""
    rows: list[dict[str, Any]] = []
    districts = {r["id"] for r in await District.select(District.id).where(District.municipality == municipality_id)}
    for index, route in enumerate(routes):
        field = f"routes[{index}]"
        if (route.district_id is None) == (route.area is None):
            raise Invalid(
                "Bitte wählen Sie einen Stadtteil oder zeichnen Sie eine Fläche (eines von beiden).",
                "Please choose a district or draw an area (one of the two).",
                field=f"{field}.district_id",
            )
        if (route.department_id is None) == (route.external is None):
            raise Invalid(
                "Bitte nennen Sie einen Fachbereich oder eine andere zuständige Stelle (eines von beiden).",
                "Please name a department or another responsible body (one of the two).",
                field=f"{field}.department_id",
            )
        if route.district_id is not None and route.district_id not in districts:
            raise Invalid(
                "Diesen Stadtteil gibt es hier nicht.", "There is no such district here.", field=f"{field}.district_id"
            )
        if route.department_id is not None:
            await check_active_department(municipality_id, route.department_id, f"{field}.department_id")
        external = route.external
        rows.append(
            {
                "label": route.label.strip(),
                "district": route.district_id,
                "area": _area_json(route.area, f"{field}.area") if route.area is not None else None,
                "department": route.department_id,
                "external_name": external.name.strip() if external else "",
                "external_email": str(external.email or "") if external else "",
                "external_phone": external.phone.strip() if external else "",
                "external_web": external.web.strip() if external else "",
            }
        )
    return rows


async def replace_routes(category_id: int, rows: list[dict[str, Any]]) -> None:
    await RoutingRule.delete().where(RoutingRule.category == category_id)
    if rows:
        await RoutingRule.insert(*[RoutingRule(category=category_id, **row) for row in rows])


async def routes_of(category_ids: list[int]) -> dict[int, list[Route]]:
    rows = (
        await RoutingRule.select(
            *RoutingRule.all_columns(),
            RoutingRule.district.name.as_alias("district_name"),
            RoutingRule.department.name.as_alias("department_name"),
        )
        .where(RoutingRule.category.is_in(category_ids or [-1]))
        .order_by(RoutingRule.id)
    )
    out: dict[int, list[Route]] = {}
    for r in rows:
        out.setdefault(r["category"], []).append(
            Route(
                id=r["id"],
                label=r["label"],
                district_id=r["district"],
                district=r["district_name"],
                area=json.loads(r["area"]) if r["area"] else None,
                department_id=r["department"],
                department=r["department_name"],
                external=_external(r),
            )
        )
    return out
