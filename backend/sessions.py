"""The server-side session store, lazily: a session exists only while something is stored in it.

Litestar's own backend writes an (empty) session and sets a cookie on every response, so each anonymous
request left a key in Redis for the whole session lifetime. This backend
- writes nothing and sets no cookie while the session is empty (anonymous visitors have none);
- deletes the stored session and expires the cookie when a session is emptied (logout, an ended session);
- skips the write when the session did not change during the request;
- issues a new session ID when asked to (`rotate`, at login), so an ID known before login is worthless;
- keeps a stored session only as long as it can still be used (`expires_in`, decided by backend/auth.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from litestar.connection import ASGIConnection
from litestar.datastructures import Cookie, MutableScopeHeaders
from litestar.middleware.session.server_side import ServerSideSessionBackend, ServerSideSessionConfig
from litestar.types import Message, ScopeSession
from litestar.utils.dataclass import extract_dataclass_items

_LOADED = "stadtstimme.session_loaded"  # the stored bytes as read at the start of the request
_ROTATE = "stadtstimme.session_rotate"


def rotate(connection: ASGIConnection[Any, Any, Any, Any]) -> None:
    """Store the session under a new ID at the end of this request (and drop the old one)."""
    connection.scope.setdefault("state", {})[_ROTATE] = True


class LazySessionBackend(ServerSideSessionBackend):
    """See the module docstring."""

    config: LazySessionConfig

    async def load_from_connection(self, connection: ASGIConnection[Any, Any, Any, Any]) -> dict[str, Any]:
        session_id = connection.cookies.get(self.config.key)
        if not session_id or session_id == "null":
            return {}
        data = await self.get(session_id, store=self.config.get_store_from_app(connection.scope["app"]))
        if data is None:
            return {}
        connection.scope.setdefault("state", {})[_LOADED] = data
        return self.deserialize_data(data)

    async def store_in_message(
        self, scope_session: ScopeSession, message: Message, connection: ASGIConnection[Any, Any, Any, Any]
    ) -> None:
        state = connection.scope.setdefault("state", {})
        store = self.config.get_store_from_app(connection.scope["app"])
        headers = MutableScopeHeaders.from_message(message)
        cookie_params = dict(extract_dataclass_items(self.config, exclude_none=True, include=Cookie.__dict__.keys()))
        sent_id = connection.cookies.get(self.config.key)
        known_id = sent_id if sent_id and sent_id != "null" else None

        if not isinstance(scope_session, dict) or not scope_session:
            if known_id:
                await self.delete(known_id, store=store)
                expired = Cookie(value="null", key=self.config.key, expires=0, **cookie_params)
                headers.add("Set-Cookie", expired.to_header(header=""))
            return

        data = self.serialize_data(scope_session, connection.scope)
        renew = state.pop(_ROTATE, False) or known_id is None
        if not renew and data == state.get(_LOADED):
            return  # unchanged: the stored copy and the cookie stay as they are
        session_id = self.generate_session_id() if renew else known_id
        assert session_id is not None
        if renew and known_id:
            await self.delete(known_id, store=store)
        expires_in = max(1, int(self.config.expires_in(scope_session)))
        await store.set(session_id, data, expires_in=expires_in)
        headers.add("Set-Cookie", Cookie(value=session_id, key=self.config.key, **cookie_params).to_header(header=""))


@dataclass
class LazySessionConfig(ServerSideSessionConfig):
    """ServerSideSessionConfig with the lazy backend; `expires_in(session)` says how long the store keeps it."""

    _backend_class = LazySessionBackend
    expires_in: Callable[[dict[str, Any]], float] = field(default=lambda _session: 14 * 24 * 3600)
