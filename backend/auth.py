"""Sessions, the current user, and the guards every endpoint declares.

A session cookie alone does not authenticate: login also sets an HttpOnly `auth` cookie whose value
must match the one stored in the session, and login stores the session under a new ID. A session ID
planted before login (session fixation) therefore never becomes a logged-in session for the attacker.

A session ends when it is older than the absolute lifetime, when it was idle for longer than the idle
timeout, or when the person's session epoch has moved on (password changed or reset, "log out
everywhere"); the epoch lives in the account's profile row, so this holds on every worker and store.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from litestar import Request
from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler

from backend.accounts.services import Account, get_account
from backend.sessions import rotate
from contributions.actor import ANONYMOUS, Actor, actor_in
from geo import clock
from geo import services as geo_services
from geo.roles import Role
from geo.tables import Municipality

AUTH_COOKIE = "stadtstimme_auth"
SESSION_USER = "uid"
SESSION_AUTH = "auth"
SESSION_EPOCH = "epoch"
SESSION_STARTED = "started"
SESSION_SEEN = "seen"
POLICY = "session_policy"  # key of the SessionPolicy in the app state


@dataclass(frozen=True)
class SessionPolicy:
    """How long a login lasts: at most `max_age` seconds in all, and `idle_timeout` seconds without a request."""

    max_age: int
    idle_timeout: int

    @property
    def seen_resolution(self) -> float:
        """Activity is written back at most this often (not on every request), which the store's TTL allows for."""
        return min(60.0, self.idle_timeout / 10)

    def valid(self, session: dict[str, Any], now: float) -> bool:
        started, seen = session.get(SESSION_STARTED), session.get(SESSION_SEEN)
        if not isinstance(started, int | float) or not isinstance(seen, int | float):
            return False
        return now < started + self.max_age and now < seen + self.idle_timeout

    def expires_in(self, session: dict[str, Any]) -> float:
        """How long the store keeps `session`: no longer than it can still be used."""
        now = clock.now().timestamp()
        started, seen = session.get(SESSION_STARTED), session.get(SESSION_SEEN)
        if not isinstance(started, int | float) or not isinstance(seen, int | float):
            return self.max_age
        idle_left = seen + self.idle_timeout + self.seen_resolution - now
        return min(started + self.max_age - now, idle_left)


def _policy(connection: ASGIConnection[Any, Any, Any, Any]) -> SessionPolicy:
    policy: SessionPolicy = connection.app.state[POLICY]
    return policy


def start_session(request: Request[Any, Any, Any], account: Account) -> str:
    """Bind the session to the account (under a new session ID); returns the value for the auth cookie."""
    token = secrets.token_urlsafe(24)
    now = clock.now().timestamp()
    request.set_session(
        {
            SESSION_USER: account.id,
            SESSION_AUTH: token,
            SESSION_EPOCH: account.session_epoch,
            SESSION_STARTED: now,
            SESSION_SEEN: now,
        }
    )
    rotate(request)
    _state(request)["account"] = account
    return token


def end_session(connection: ASGIConnection[Any, Any, Any, Any]) -> None:
    connection.clear_session()


def session_user_id(connection: ASGIConnection[Any, Any, Any, Any]) -> int | None:
    """The user the session belongs to, if the auth cookie matches and the session has not run out."""
    session = connection.scope.get("session")
    if not isinstance(session, dict) or not session:
        return None
    user_id, token = session.get(SESSION_USER), session.get(SESSION_AUTH)
    cookie = connection.cookies.get(AUTH_COOKIE)
    if user_id is None or not token or not cookie or not secrets.compare_digest(str(token), cookie):
        return None
    now = clock.now().timestamp()
    if not _policy(connection).valid(session, now):
        end_session(connection)
        return None
    if now - session[SESSION_SEEN] >= _policy(connection).seen_resolution:
        session[SESSION_SEEN] = now  # written back by the session middleware
    return int(user_id)


async def current_account(connection: ASGIConnection[Any, Any, Any, Any]) -> Account | None:
    """The logged-in account, loaded once per request; None (and the session ended) when its epoch is old."""
    state = _state(connection)
    if "account" not in state:
        user_id = session_user_id(connection)
        account = await get_account(user_id) if user_id is not None else None
        session = connection.scope.get("session")
        if account is not None and isinstance(session, dict) and session.get(SESSION_EPOCH) != account.session_epoch:
            end_session(connection)
            account = None
        state["account"] = account
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
