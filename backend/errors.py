"""The one table from domain errors to HTTP: RFC 9457 problem details in German and English.

Every problem carries `detail` in the language the client prefers (German unless it asks for
English), both `detail_de` and `detail_en`, and an `errors` list naming the offending fields.
"""

from __future__ import annotations

import logging
import re
import socket
import sys
from collections.abc import Callable
from typing import Any

import asyncpg
from litestar import Request, Response
from litestar.exceptions import HTTPException, NotFoundException, ValidationException
from litestar.plugins.problem_details import (
    ProblemDetailsConfig,
    ProblemDetailsException,
)

from backend.accounts.errors import TooManyAttempts
from geo import text
from geo.errors import Conflict, DomainError, Forbidden, Invalid, NotFound
from geo.profile import GERMAN_MESSAGES as PROFILE_MESSAGES

log = logging.getLogger(__name__)

STATUS_BY_KIND: dict[type[DomainError], int] = {
    NotFound: 404,
    Invalid: 422,
    Conflict: 409,
    Forbidden: 403,
    TooManyAttempts: 429,
}

# Messages for errors the framework raises itself (no domain error behind them).
HTTP_MESSAGES: dict[int, tuple[str, str]] = {
    400: ("Die Anfrage ist fehlerhaft.", "The request is malformed."),
    401: ("Bitte melden Sie sich an.", "Please log in."),
    403: ("Dafür fehlt Ihnen die Berechtigung.", "You are not allowed to do this."),
    404: ("Diese Seite oder diesen Eintrag gibt es nicht.", "There is no such page or item."),
    405: ("Diese Methode ist hier nicht erlaubt.", "This method is not allowed here."),
    409: ("Das passt nicht zum aktuellen Stand.", "This conflicts with the current state."),
    413: ("Die Anfrage ist zu groß.", "The request is too large."),
    415: ("Dieses Format wird nicht unterstützt.", "This format is not supported."),
    422: ("Die Eingaben sind nicht gültig.", "The input is not valid."),
    429: ("Zu viele Versuche. Bitte warten Sie einen Moment.", "Too many attempts. Please wait a moment."),
    500: ("Ein interner Fehler ist aufgetreten.", "An internal error occurred."),
    503: (
        "Der Dienst ist gerade nicht erreichbar. Bitte versuchen Sie es in wenigen Sekunden noch einmal.",
        "The service is unavailable right now. Please try again in a few seconds.",
    ),
}

# Pydantic's English messages, translated by pattern; anything else keeps a generic German text.
_GERMAN_VALIDATION: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"Field required|missing required field"), lambda m: "Pflichtangabe fehlt."),
    (re.compile(r"String should have at most (\d+) characters?"), lambda m: f"Höchstens {m[1]} Zeichen."),
    (re.compile(r"String should have at least (\d+) characters?"), lambda m: f"Mindestens {m[1]} Zeichen."),
    (re.compile(r"List should have at most (\d+) items?"), lambda m: f"Höchstens {m[1]} Einträge."),
    (re.compile(r"Input should be less than or equal to (\S+)"), lambda m: f"Höchstens {m[1]}."),
    (re.compile(r"Input should be greater than or equal to (\S+)"), lambda m: f"Mindestens {m[1]}."),
    (re.compile(r"Input should be a valid integer"), lambda m: "Bitte eine ganze Zahl angeben."),
    (re.compile(r"Input should be a valid number"), lambda m: "Bitte eine Zahl angeben."),
    (re.compile(r"Input should be a valid (date|datetime)"), lambda m: "Bitte ein gültiges Datum angeben."),
    (re.compile(r"Input should be '(.+)'"), lambda m: f"Erlaubt sind nur: {m[1]}."),
    (re.compile(r"String should match pattern"), lambda m: "Das Format stimmt nicht."),
    (re.compile(r"value is not a valid email address"), lambda m: "Bitte eine gültige E-Mail-Adresse angeben."),
    (re.compile(r"Extra inputs are not permitted"), lambda m: "Dieses Feld ist hier nicht vorgesehen."),
    (re.compile(r"Expected `\w+` <= (\S+)"), lambda m: f"Höchstens {m[1]}."),
    (re.compile(r"Expected `\w+` >= (\S+)"), lambda m: f"Mindestens {m[1]}."),
    (re.compile(re.escape(text.MESSAGE_EN)), lambda m: text.MESSAGE_DE),
    (re.compile(r"Numbers must be finite"), lambda m: "Zahlen müssen endlich sein."),
    (re.compile(r"Staff work in a department"), lambda m: "Bitte wählen Sie den Fachbereich."),
]


def _german(de: str) -> Callable[[re.Match[str]], str]:
    """A German text whose {0}, {1} … are the English message's groups (decimal points as commas)."""
    return lambda m: de.format(*(group.replace(".", ",") for group in m.groups()))


_GERMAN_VALIDATION += [(re.compile(en), _german(de)) for en, de in PROFILE_MESSAGES]
_GERMAN_VALIDATION.append(
    (
        re.compile(r"The password needs at least (\d+) characters"),
        _german("Das Passwort braucht mindestens {0} Zeichen."),
    )
)


def german_validation_message(english: str) -> str:
    for pattern, translate in _GERMAN_VALIDATION:
        match = pattern.search(english)
        if match:
            return translate(match)
    return "Dieser Wert ist nicht gültig."


class LocalisedProblem(ProblemDetailsException):
    """A problem whose `detail` is German unless the client prefers English."""

    def to_response(self, request: Request[Any, Any, Any]) -> Response[dict[str, Any]]:
        extra = self.extra if isinstance(self.extra, dict) else {}
        self.detail = extra.get("detail_en" if prefers_english(request) else "detail_de") or self.detail
        return super().to_response(request)


def status_for(error: DomainError) -> int:
    for kind, status in STATUS_BY_KIND.items():
        if isinstance(error, kind):
            return status
    return 400


def domain_problem(error: DomainError) -> LocalisedProblem:
    status = status_for(error)
    errors = [{"field": error.field, "detail_de": error.de, "detail_en": error.en}] if error.field else []
    retry_after = error.extra.get("retry_after")
    return LocalisedProblem(
        status_code=status,
        type_=f"/problems/{error.code}",
        title=HTTP_MESSAGES.get(status, HTTP_MESSAGES[400])[1],
        detail=error.en,
        headers={"Retry-After": str(retry_after)} if retry_after is not None else None,
        extra={"detail_de": error.de, "detail_en": error.en, "errors": errors, **error.extra},
    )


_NAMED_IN_MESSAGE = re.compile(r"missing required field `([^`]+)`| - at `\$\.([^`]+)`")


def _field_in_body(key: str | None, english: str) -> str | None:
    """msgspec names the whole body `data` and the field inside it only in the message: name that field."""
    if key in (None, "data") and (match := _NAMED_IN_MESSAGE.search(english)):
        return match[1] or match[2]
    return key


def _bookkeeping(item: object) -> bool:
    """Litestar's own KeyError for a parameter the handler's kwargs lack, not an input that failed: once the
    OpenAPI schema has been built (anyone opened /schema), a failing query parameter also brought
    `{"key": "slug", "message": "'slug'", "source": "path"}`, which turned every 422 on a municipality's path
    into a 404 (tests/documents/test_results_document.py)."""
    return isinstance(item, dict) and item.get("message") == repr(item.get("key"))


def validation_problem(error: ValidationException) -> LocalisedProblem:
    """Litestar's validation errors (schema, path and query parameters) as 422 with named fields.

    A path parameter that fails its type or range (an id beyond ID_MAX, a name with a control character) names
    nothing that exists: 404, like a path that matches no route."""
    items = [item for item in (error.extra if isinstance(error.extra, list) else []) if not _bookkeeping(item)]
    if any(isinstance(item, dict) and item.get("source") == "path" for item in items):
        return http_problem(NotFoundException())
    errors = []
    for item in items:
        english = str(item.get("message", "Invalid value")) if isinstance(item, dict) else str(item)
        english = english.removeprefix("Value error, ")  # a validator's own sentence, without pydantic's prefix
        field = _field_in_body(item.get("key"), english) if isinstance(item, dict) else None
        errors.append({"field": field, "detail_de": german_validation_message(english), "detail_en": english})
    fields = ", ".join(e["field"] for e in errors if e["field"])
    de = f"Bitte prüfen Sie: {fields}." if fields else HTTP_MESSAGES[422][0]
    en = f"Please check: {fields}." if fields else HTTP_MESSAGES[422][1]
    return LocalisedProblem(
        status_code=422,
        type_="/problems/validation",
        title=HTTP_MESSAGES[422][1],
        detail=en,
        extra={"detail_de": de, "detail_en": en, "errors": errors},
    )


def http_problem(error: HTTPException) -> LocalisedProblem:
    de, en = HTTP_MESSAGES.get(error.status_code, HTTP_MESSAGES[400 if error.status_code < 500 else 500])
    extra: dict[str, Any] = {"detail_de": de, "detail_en": en, "errors": []}
    headers = dict(error.headers or {})
    if error.status_code == 429 and "Retry-After" not in headers:
        # The rate limiter says when its window resets; clients read Retry-After (RFC 9110).
        headers["Retry-After"] = str(max(1, int(headers.get("RateLimit-Reset", "60"))))
    return LocalisedProblem(status_code=error.status_code, title=en, detail=en, headers=headers or None, extra=extra)


def prefers_english(request: Request[Any, Any, Any]) -> bool:
    accepted = request.headers.get("accept-language", "")
    first = accepted.split(",")[0].strip().lower()
    return first.startswith("en")


# A backing service is away (PostgreSQL restarting, refusing, out of connections; Redis down): nothing is wrong
# with the request, so the answer is 503 with Retry-After, and the client may send it again.
OUTAGES: tuple[type[BaseException], ...] = (
    ConnectionError,  # refused, reset, broken pipe
    TimeoutError,  # connect, statement or pool timeout (asyncio.TimeoutError is TimeoutError)
    socket.gaierror,
    asyncpg.PostgresConnectionError,  # SQLSTATE class 08
    asyncpg.CannotConnectNowError,  # 57P03: starting up or shutting down
    asyncpg.AdminShutdownError,  # 57P01: a restart ended the session
    asyncpg.CrashShutdownError,  # 57P02
    asyncpg.QueryCanceledError,  # 57014: the statement timeout
    asyncpg.InsufficientResourcesError,  # class 53: too many connections, disk full, out of memory
    asyncpg.InterfaceError,  # the connection closed under a statement
    asyncpg.InternalClientError,  # asyncpg's protocol state after the server went away mid-statement
)
RETRY_AFTER_SECONDS = 5


def is_outage(error: BaseException) -> bool:
    """Is `error` (or any error inside an exception group, as Litestar's parallel dependencies raise) an outage?"""
    if isinstance(error, BaseExceptionGroup):
        return any(is_outage(inner) for inner in error.exceptions)
    # Redis's errors only when redis is loaded (REDIS_URL set): importing it costs ~60 ms at start-up.
    redis_errors = sys.modules.get("redis.exceptions")
    if redis_errors is not None and isinstance(error, (redis_errors.ConnectionError, redis_errors.TimeoutError)):
        return True
    return isinstance(error, OUTAGES)


def unavailable_problem(error: BaseException) -> LocalisedProblem:
    """503 with Retry-After; logged in one line, since the outage itself is the news, not each request."""
    log.warning("Service unavailable: %s: %s", type(error).__name__, error)
    de, en = HTTP_MESSAGES[503]
    return LocalisedProblem(
        status_code=503,
        type_="/problems/unavailable",
        title=en,
        detail=en,
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        extra={"detail_de": de, "detail_en": en, "errors": []},
    )


def internal_problem(error: Exception) -> LocalisedProblem:
    """Anything unexpected: logged with its traceback, answered without internals (an outage: 503)."""
    if is_outage(error):
        return unavailable_problem(error)
    log.exception("Unhandled error", exc_info=error)
    de, en = HTTP_MESSAGES[500]
    return LocalisedProblem(
        status_code=500, title=en, detail=en, extra={"detail_de": de, "detail_en": en, "errors": []}
    )


def problem_details_config() -> ProblemDetailsConfig:
    return ProblemDetailsConfig(
        enable_for_all_http_exceptions=False,
        exception_to_problem_detail_map={
            DomainError: domain_problem,
            ValidationException: validation_problem,
            HTTPException: http_problem,
            Exception: internal_problem,
        },
    )
