"""The back office of the Mängelmelder (admins only): departments, categories, their order and routing."""

from __future__ import annotations

from litestar import Controller, delete, get, patch, post
from litestar.params import JSONBody

from backend.auth import requires_role
from backend.dependencies import ActorDep, MunicipalityDep
from backend.params import PathId
from defects.schemas import (
    CategoryAdmin,
    CategoryMove,
    CategoryNew,
    CategoryUpdate,
    Department,
    DepartmentCreate,
    DepartmentUpdate,
    IconChoice,
)
from defects.services import category_admin, departments
from geo.roles import Role


class DefectAdminController(Controller):
    path = "/api/v1/municipalities/{slug:str}/admin"
    tags = ["defects (admin)"]
    guards = [requires_role(Role.ADMIN)]

    @get("/departments", operation_id="listDepartments", summary="Departments, retired ones too, with their staff")
    async def list_departments(self, municipality: MunicipalityDep) -> list[Department]:
        return await departments.list_departments(municipality.id)

    @post("/departments", operation_id="createDepartment", status_code=201, summary="Add a department")
    async def create_department(
        self, municipality: MunicipalityDep, actor: ActorDep, data: JSONBody[DepartmentCreate]
    ) -> Department:
        new_id = await departments.create_department(municipality.id, actor.user_id, data)
        return await departments.department_out(municipality.id, new_id)

    @patch(
        "/departments/{department_id:int}",
        operation_id="updateDepartment",
        summary="Change a department, make it the default, retire it or bring it back",
    )
    async def update_department(
        self, municipality: MunicipalityDep, actor: ActorDep, department_id: PathId, data: JSONBody[DepartmentUpdate]
    ) -> Department:
        await departments.update_department(municipality.id, department_id, actor.user_id, data)
        return await departments.department_out(municipality.id, department_id)

    @delete(
        "/departments/{department_id:int}",
        operation_id="deleteDepartment",
        status_code=204,
        summary="Delete a department nothing refers to (409 otherwise: retire it instead)",
    )
    async def delete_department(self, municipality: MunicipalityDep, actor: ActorDep, department_id: PathId) -> None:
        await departments.delete_department(municipality.id, department_id, actor.user_id)

    @get("/defect-icons", operation_id="listDefectIcons", summary="The icons a category may show")
    async def icons(self, municipality: MunicipalityDep) -> list[IconChoice]:
        return category_admin.icon_choices()

    @get(
        "/defect-categories",
        operation_id="listDefectCategoriesAdmin",
        summary="Every category in order, retired ones too, with routing rules and report counts",
    )
    async def list_categories(self, municipality: MunicipalityDep) -> list[CategoryAdmin]:
        return await category_admin.admin_categories(municipality.id)

    @post(
        "/defect-categories",
        operation_id="createDefectCategoryAdmin",
        status_code=201,
        summary="Add a category with its questions, department and routing rules (it goes last)",
    )
    async def create_category(
        self, municipality: MunicipalityDep, actor: ActorDep, data: JSONBody[CategoryNew]
    ) -> CategoryAdmin:
        new_id = await category_admin.create(municipality.id, actor.user_id, data)
        return await category_admin.admin_category(municipality.id, new_id)

    @patch(
        "/defect-categories/{category_id:int}",
        operation_id="updateDefectCategory",
        summary="Change a category (its code stays), replace its routing rules, retire it or bring it back",
    )
    async def update_category(
        self, municipality: MunicipalityDep, actor: ActorDep, category_id: PathId, data: JSONBody[CategoryUpdate]
    ) -> CategoryAdmin:
        await category_admin.update(municipality.id, category_id, actor.user_id, data)
        return await category_admin.admin_category(municipality.id, category_id)

    @delete(
        "/defect-categories/{category_id:int}",
        operation_id="deleteDefectCategory",
        status_code=204,
        summary="Delete a category without reports (409 otherwise: retire it instead)",
    )
    async def delete_category(self, municipality: MunicipalityDep, actor: ActorDep, category_id: PathId) -> None:
        await category_admin.delete(municipality.id, category_id, actor.user_id)

    @post(
        "/defect-categories/{category_id:int}/move",
        operation_id="moveDefectCategory",
        status_code=200,
        summary="Move a category one place up or down in the list residents choose from",
    )
    async def move_category(
        self, municipality: MunicipalityDep, actor: ActorDep, category_id: PathId, data: JSONBody[CategoryMove]
    ) -> list[CategoryAdmin]:
        await category_admin.move(municipality.id, category_id, actor.user_id, data.direction)
        return await category_admin.admin_categories(municipality.id)
