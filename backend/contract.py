"""What every operation answers besides success, documented once for the whole API, so openapi.yaml is true.

`document(app)` runs once in create_app. Errors are RFC 9457 problems (application/problem+json, see
backend/errors.py); which codes an operation can give follows from what it is:

- 400 and 422 everywhere (a malformed request; invalid input, fields named: even an undeclared query parameter
  passes the input rule of backend/inputs.py);
- 404 where the path has parameters (no such municipality, item, or an id beyond the range);
- 401 and 403 behind a guard other than `public`; 403, 409 and 413 on every write (CSRF, state, size);
- 429 where the rate limit applies; and whatever a handler declares it `raises` (public handlers that check the
  audience themselves) or answers besides (`responses=`).

Success answers in files (CSV, GeoJSON, XLSX, PDF) are documented with their content type, chosen by the path's
ending; Open311 answers (and its errors) come as JSON or XML, by the ending the client asks for.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from litestar import Litestar
from litestar.handlers import HTTPRouteHandler
from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import OpenAPIMediaType, OpenAPIResponse, Operation, Schema
from litestar.openapi.spec.enums import OpenAPIType
from litestar.routes import HTTPRoute

from backend.auth import public

PROBLEM = "application/problem+json"
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
DESCRIPTIONS = {
    400: "Malformed request (problem details)",
    401: "Not logged in (problem details)",
    403: "Not allowed, or the CSRF token is missing (problem details)",
    404: "No such municipality or item (problem details)",
    409: "Conflicts with the current state (problem details)",
    413: "Request too large (problem details)",
    422: "Invalid input; `errors` names each field (problem details)",
    429: "Too many attempts; try again later (problem details)",
}
_TEXT = Schema(type=OpenAPIType.STRING)
_BINARY = Schema(type=OpenAPIType.STRING, format="binary")  # type: ignore[arg-type]
FILE_FORMATS: dict[str, tuple[str, Schema]] = {
    "csv": ("text/csv", _TEXT),
    "geojson": ("application/geo+json", Schema(type=OpenAPIType.OBJECT)),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _BINARY),
    "pdf": ("application/pdf", _BINARY),
}
OPEN311_ERRORS = Schema(
    type=OpenAPIType.ARRAY,
    items=Schema(
        type=OpenAPIType.OBJECT,
        properties={"code": Schema(type=OpenAPIType.INTEGER), "description": _TEXT},
        required=["code", "description"],
    ),
)


@dataclass
class FieldProblem:
    """One offending field and what is wrong with it, in German and English."""

    field: str | None
    detail_de: str
    detail_en: str


@dataclass
class Problem:
    """An RFC 9457 problem: `detail` in the client's language (German unless it asks for English), both
    languages, and the fields concerned."""

    status: int
    title: str
    detail: str
    detail_de: str
    detail_en: str
    errors: list[FieldProblem] = field(default_factory=list)
    type: str | None = None


def document(app: Litestar, rate_limited: Callable[[str, str], bool]) -> None:
    """Add the error answers and file content types to every operation of `app` (before the schema is built).

    `rate_limited(method, path)` tells where the rate limit applies (the app's own rule)."""
    for route in app.routes:
        if not isinstance(route, HTTPRoute):
            continue
        for handler in route.route_handlers:
            codes = _error_codes(handler, route, rate_limited)
            declared = dict(handler.responses or {})
            handler.responses = {
                **{
                    code: ResponseSpec(
                        Problem, generate_examples=False, description=DESCRIPTIONS[code], media_type=PROBLEM
                    )
                    for code in codes
                },
                **declared,
            }
            if route.path.startswith("/open311/"):
                handler.operation_class = Open311Operation
            elif handler.operation_class is Operation:
                handler.operation_class = _operation(_formats(handler))


def _error_codes(handler: HTTPRouteHandler, route: HTTPRoute, rate_limited: Callable[[str, str], bool]) -> set[int]:
    codes = {400, 422} | {exception.status_code for exception in handler.raises or []}
    if route.path_parameters:
        codes.add(404)
    if any(guard is not public for guard in handler.resolve_guards()):
        codes |= {401, 403}
    if handler.http_methods & UNSAFE:
        codes |= {403, 409, 413}
    if any(rate_limited(method, route.path) for method in handler.http_methods):
        codes.add(429)
    return codes


def _formats(handler: HTTPRouteHandler) -> dict[str, str]:
    """The file format of each of the handler's paths, by its ending ({} when it answers JSON)."""
    found = {}
    for path in handler.paths:
        ending = path.rsplit(".", 1)[-1] if "." in path.rsplit("/", 1)[-1] else ""
        if ending in FILE_FORMATS:
            found[path] = ending
        elif path.endswith("/document-jobs/{job_id:int}/file"):
            found[path] = "pdf"
    return found


def _operation(formats: dict[str, str]) -> type[Operation]:
    """An Operation whose 204 answer has no body, and whose success answer is the file its path names (handlers
    serving several formats have one operation id per format, ending in it: documents.per_format)."""
    return _operation_for(tuple(sorted(set(formats.values()))))


@functools.cache
def _operation_for(kinds: tuple[str, ...]) -> type[Operation]:
    """One class per set of file formats, made once per process: a dataclass per handler and app took a quarter
    of create_app's time (the test suite creates an app per test)."""

    @dataclass
    class DocumentedOperation(Operation):
        def __post_init__(self) -> None:
            operation_id = (self.operation_id or "").lower()
            kind = next((k for k in kinds if operation_id.endswith(k)), kinds[0] if kinds else None)
            for status, response in (self.responses or {}).items():
                if not isinstance(response, OpenAPIResponse):
                    continue
                if str(status) == "204":
                    response.content = None
                elif kind and str(status) == "200":
                    media_type, schema = FILE_FORMATS[kind]
                    response.content = {media_type: OpenAPIMediaType(schema=schema)}

    return DocumentedOperation


@dataclass
class Open311Operation(Operation):
    """GeoReport v2 answers JSON or XML, by the ending of the path; its own errors are the spec's error list."""

    def __post_init__(self) -> None:
        for status, response in (self.responses or {}).items():
            if not isinstance(response, OpenAPIResponse):
                continue
            content = dict(response.content or {})
            if str(status).startswith("2"):
                content = {
                    "application/json": OpenAPIMediaType(schema=Schema()),
                    "text/xml": OpenAPIMediaType(schema=_TEXT),
                }
            else:
                content["application/json"] = OpenAPIMediaType(schema=OPEN311_ERRORS)
                content["text/xml"] = OpenAPIMediaType(schema=_TEXT)
            response.content = content


__all__ = ["PROBLEM", "Problem", "document"]
