"""The back office's people: list, invite, revoke roles, deactivate; and accepting an invitation."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, delete, get, post
from litestar.params import JSONBody, QueryParameter
from pydantic import BaseModel

from backend.accounts import invitations, people
from backend.accounts import roles as role_changes
from backend.accounts import services as accounts
from backend.accounts.schemas import Deactivated, InvitationAccept, InvitationCreate, InvitationSent, Me, Person
from backend.auth import public, requires_role, start_session
from backend.controllers.accounts import auth_cookie, me_of
from backend.dependencies import ActorDep, MailerDep, MunicipalityDep, SettingsDep
from backend.paging import DEFAULT_LIMIT, CursorParam, LimitParam
from backend.params import PathId
from geo.paging import Page
from geo.roles import Role
from geo.tables import Department


class DepartmentChoice(BaseModel):
    id: int
    name: str


class PeopleController(Controller):
    """Admins only: who holds which role in their municipality, and changing that."""

    path = "/api/v1/municipalities/{slug:str}"
    tags = ["people"]
    guards = [requires_role(Role.ADMIN)]

    @get("/people", operation_id="listPeople", summary="Everyone holding a role here, by e-mail address, paged")
    async def list_people(
        self,
        municipality: MunicipalityDep,
        q: Annotated[str, QueryParameter(max_length=100, description="Part of a name or address")] = "",
        role: Annotated[Role | None, QueryParameter(description="Only people holding this role")] = None,
        cursor: CursorParam = None,
        limit: LimitParam = DEFAULT_LIMIT,
    ) -> Page[Person]:
        return await people.list_people(municipality.id, search=q, role=role, cursor=cursor, limit=limit)

    @get(
        "/invitations/departments",
        operation_id="listInvitationDepartments",
        summary="The departments an invitation of staff can name (read-only; kept in the departments section)",
    )
    async def departments(self, municipality: MunicipalityDep) -> list[DepartmentChoice]:
        rows = (
            await Department.select(Department.id, Department.name)
            .where(Department.municipality == municipality.id)
            .order_by(Department.name)
        )
        return [DepartmentChoice(id=r["id"], name=r["name"]) for r in rows]

    @post(
        "/invitations",
        operation_id="invitePerson",
        status_code=202,
        summary="Invite a colleague by e-mail: the role is granted, a one-time link sets the password",
    )
    async def invite(
        self,
        municipality: MunicipalityDep,
        data: JSONBody[InvitationCreate],
        actor: ActorDep,
        mailer: MailerDep,
        settings: SettingsDep,
    ) -> InvitationSent:
        created = await invitations.invite(
            municipality,
            data,
            actor_id=actor.id,
            mailer=mailer,
            base_url=settings.base_url,
            hashing=settings.password_hashing,
        )
        if created:
            return InvitationSent(
                created=True,
                detail_de="Die Einladung ist verschickt. Die Person legt über den Link ihr Passwort fest.",
                detail_en="The invitation has been sent. The person sets their password with the link.",
            )
        return InvitationSent(
            created=False,
            detail_de="Diese Person hat schon ein Konto: Sie hat die Rolle jetzt und wurde per E-Mail informiert.",
            detail_en="This person already has an account: they hold the role now and were told by e-mail.",
        )

    @delete(
        "/roles/{membership_id:int}",
        operation_id="revokeRole",
        status_code=204,
        summary="Take one role away (never the last admin's)",
    )
    async def revoke(self, municipality: MunicipalityDep, membership_id: PathId, actor: ActorDep) -> None:
        await role_changes.revoke(municipality.id, membership_id, actor_id=actor.id)

    @post(
        "/people/{user_id:int}/deactivate",
        operation_id="deactivatePerson",
        status_code=200,
        summary="Remove all roles here; an account that belongs only here can no longer log in",
    )
    async def deactivate(self, municipality: MunicipalityDep, user_id: PathId, actor: ActorDep) -> Deactivated:
        scope = await role_changes.deactivate(municipality.id, user_id, actor_id=actor.id)
        if scope == "platform":
            return Deactivated(
                scope="platform",
                detail_de="Das Konto ist deaktiviert: Die Person kann sich nicht mehr anmelden.",
                detail_en="The account is deactivated: the person can no longer log in.",
            )
        return Deactivated(
            scope="municipality",
            detail_de="Die Rollen in dieser Kommune sind entfernt. Das Konto bleibt, weil es auch anderswo genutzt "
            "wird.",
            detail_en="The roles in this municipality have been removed. The account stays because it is used "
            "elsewhere too.",
        )


class InvitationController(Controller):
    path = "/api/v1/auth"
    tags = ["accounts"]
    guards = [public]

    @post(
        "/invitation",
        operation_id="acceptInvitation",
        status_code=200,
        summary="Accept an invitation: set the password with the mailed token, and be logged in",
    )
    async def accept(
        self, request: Request[Any, Any, Any], data: JSONBody[InvitationAccept], settings: SettingsDep
    ) -> Response[Me]:
        user_id = await invitations.accept(data.token, data.password, hashing=settings.password_hashing)
        account = await accounts.get_account(user_id)
        assert account is not None
        token = start_session(request, account)
        return Response(await me_of(account), cookies=[auth_cookie(settings, token, settings.session_max_age_seconds)])
