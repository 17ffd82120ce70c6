"""Everything under /open311/ answers in the Open311 error format of the format asked for.

GeoReport v2 clients parse `[{code, description}]` (JSON) or `<errors><error>…` (XML), never RFC 9457 problem
details. The handlers catch what they raise themselves (`answer_error`); this plugin covers what happens before
a handler runs (an unknown deeper path, a method not allowed) by wrapping every app-level exception handler.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from litestar import Request, Response
from litestar.config.app import AppConfig
from litestar.exceptions import HTTPException, ValidationException
from litestar.plugins import InitPluginProtocol

from backend.errors import HTTP_MESSAGES
from backend.open311 import render
from defects.errors import TooManyRequests
from geo.errors import DomainError, Forbidden, NotFound

log = logging.getLogger(__name__)
PREFIX = "/open311/"
ExceptionHandler = Callable[[Request[Any, Any, Any], Exception], Response[Any]]


class Problems(Exception):
    """Several problems with one request, all answered at once (the first one's status, or 400)."""

    def __init__(self, problems: list[DomainError]) -> None:
        super().__init__("; ".join(p.en for p in problems))
        self.problems = problems


def status_of(error: DomainError) -> int:
    """The spec's codes: 403 for the key, 404 for an unknown service_code or request, 400 otherwise."""
    if isinstance(error, TooManyRequests):
        return 429
    if isinstance(error, Forbidden):
        return 403
    if isinstance(error, NotFound):
        return 404
    return 400


def describe(error: DomainError) -> str:
    where = f" ({error.field})" if error.field else ""
    return f"{error.en}{where} / {error.de}"


def answer_error(fmt: str, error: Exception) -> Response[bytes]:
    """Any exception as the spec's error list, with the right status code (never problem+json)."""
    if isinstance(error, Problems):
        statuses = {status_of(p) for p in error.problems}
        status = statuses.pop() if len(statuses) == 1 else 400
        return render.errors(fmt, status, [describe(p) for p in error.problems])
    if isinstance(error, DomainError):
        headers = {"Retry-After": str(error.retry_after)} if isinstance(error, TooManyRequests) else None
        return render.errors(fmt, status_of(error), [describe(error)], headers)
    if isinstance(error, ValidationException):
        extra = error.extra if isinstance(error.extra, list) else []
        details = [f"{e.get('key', '')}: {e.get('message', '')}" if isinstance(e, dict) else str(e) for e in extra]
        return render.errors(fmt, 400, [f"Invalid input: {d}" for d in details] or ["Invalid input."])
    if isinstance(error, HTTPException):
        headers = {k: v for k, v in (error.headers or {}).items() if k.lower() in {"allow", "retry-after"}}
        de, en = HTTP_MESSAGES.get(error.status_code, HTTP_MESSAGES[400 if error.status_code < 500 else 500])
        return render.errors(fmt, error.status_code, [f"{en} / {de}"], headers or None)
    log.exception("Unhandled error in Open311", exc_info=error)
    return render.errors(fmt, 500, ["An internal error occurred. / Ein interner Fehler ist aufgetreten."])


def _for_open311(original: ExceptionHandler) -> ExceptionHandler:
    def handle(request: Request[Any, Any, Any], error: Exception) -> Response[Any]:
        path = request.scope.get("path", "")
        if path.startswith(PREFIX) or path == PREFIX.rstrip("/"):
            return answer_error(render.format_of(path), error)
        return original(request, error)

    return handle


class Open311ErrorsPlugin(InitPluginProtocol):
    """Listed after the problem-details plugin, whose handlers it wraps."""

    def on_app_init(self, app_config: AppConfig) -> AppConfig:
        handlers = app_config.exception_handlers
        for fallback in (HTTPException, Exception):
            handlers.setdefault(fallback, lambda request, error: answer_error("json", error))
        for kind in list(handlers):
            handlers[kind] = _for_open311(handlers[kind])
        return app_config
