"""Sessions, the current user, and the guards every endpoint declares.

A session cookie alone does not authenticate: login also sets an HttpOnly `auth` cookie whose value
must match the one stored in the session. A session ID planted before login (session fixation)
therefore never becomes a logged-in session for the attacker.
"""

from __future__ import annotations

import secrets
from typing import Any

from litestar import Request
from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler

from backend.accounts.services import Account, get_account
from contributions.actor import ANONYMOUS, Actor, actor_in
from geo import services as geo_services
from geo.roles import Role
from geo.tables import Municipality

AUTH_COOKIE = "stadtstimme_auth"
SESSION_USER = "uid"
SESSION_AUTH = "auth"


def start_session(request: Request[Any, Any, Any], user_id: int) -> str:
    """Bind the session to the user; returns the value for the auth cookie."""
    token = secrets.token_urlsafe(24)
    request.clear_session()
    request.set_session({SESSION_USER: user_id, SESSION_AUTH: token})
    return token


def end_session(request: Request[Any, Any, Any]) -> None:
    request.clear_session()


def session_user_id(connection: ASGIConnection[Any, Any, Any, Any]) -> int | None:
    session = connection.scope.get("session")
    if not isinstance(session, dict):
        return None
    user_id, token = session.get(SESSION_USER), session.get(SESSION_AUTH)
    cookie = connection.cookies.get(AUTH_COOKIE)
    if user_id is None or not token or not cookie or not secrets.compare_digest(str(token), cookie):
        return None
    return int(user_id)


async def current_account(connection: ASGIConnection[Any, Any, Any, Any]) -> Account | None:
    """The logged-in account, loaded once per request."""
    state = _state(connection)
    if "account" not in state:
        user_id = session_user_id(connection)
        state["account"] = await get_account(user_id) if user_id is not None else None
    return state["account"]


async def provide_account(request: Request[Any, Any, Any]) -> Account | None:
    return await current_account(request)


def _state(connection: ASGIConnection[Any, Any, Any, Any]) -> dict[str, Any]:
    """What one request has loaded already (the scope lives exactly as long as the request)."""
    state: dict[str, Any] = connection.scope.setdefault("state", {})
    return state


async def request_municipality(connection: ASGIConnection[Any, Any, Any, Any]) -> Municipality:
    """The municipality named by `{slug}`, loaded once per request: the guard, the dependency and every
    handler share it."""
    state = _state(connection)
    if "municipality" not in state:
        state["municipality"] = await geo_services.get_municipality(connection.path_params["slug"])
    municipality: Municipality = state["municipality"]
    return municipality


async def request_actor(connection: ASGIConnection[Any, Any, Any, Any]) -> Actor:
    """The person asking, as the municipality of `{slug}` sees them (roles, departments): resolved once per
    request and handed into the domain. Outside a municipality only the account is known."""
    state = _state(connection)
    if "actor" not in state:
        account = await current_account(connection)
        if account is None:
            state["actor"] = ANONYMOUS
        elif "slug" in connection.path_params:
            state["actor"] = await actor_in(account.id, (await request_municipality(connection)).id)
        else:
            state["actor"] = Actor(user_id=account.id)
    actor: Actor = state["actor"]
    return actor


async def provide_municipality(request: Request[Any, Any, Any]) -> Municipality:
    return await request_municipality(request)


async def provide_actor(request: Request[Any, Any, Any]) -> Actor:
    return await request_actor(request)


# --- guards -------------------------------------------------------------------------------------


async def public(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    """Anyone may call this endpoint, logged in or not (stated explicitly, so no handler lacks a rule)."""


async def requires_login(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    if await current_account(connection) is None:
        raise NotAuthorizedException()


def requires_role(*roles: Role) -> Any:
    """A guard: the logged-in person holds one of `roles` in the municipality named by `{slug}`."""

    async def guard(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
        actor = await request_actor(connection)
        if not actor.logged_in:
            raise NotAuthorizedException()
        if not actor.holds(*roles):
            raise PermissionDeniedException()

    guard.__name__ = f"requires_role({', '.join(roles)})"
    return guard
