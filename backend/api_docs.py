"""The API documentation at /schema: Swagger UI from the npm package pinned in frontend/package.json, served by us.

Litestar's own doc pages load Redoc/Swagger from public CDNs without integrity checks and start them with an
inline script; both break the CSP and trust a third party with every visitor. Here the page is static HTML that
loads swagger-ui-dist from /vendor/swagger-ui/ and starts it from /js/api-docs.js. The raw contract stays at
/schema/openapi.json and /schema/openapi.yaml (schemathesis and the contract test read it).
"""

from __future__ import annotations

from html import escape
from typing import Any

import yaml
from litestar import MediaType, Request, get
from litestar.enums import OpenAPIMediaType
from litestar.openapi.plugins import JsonRenderPlugin, OpenAPIRenderPlugin
from litestar.response import File

from backend.auth import public
from backend.settings import PROJECT_ROOT

SWAGGER_UI = PROJECT_ROOT / "frontend" / "node_modules" / "swagger-ui-dist"
# The only files of the package the page needs (the package also ships demo pages with inline scripts).
SWAGGER_FILES = {
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui.css": "text/css; charset=utf-8",
    "LICENSE": MediaType.TEXT,
}


class SwaggerPage(OpenAPIRenderPlugin):
    """Swagger UI without inline script or style, and without any third-party host."""

    def __init__(self) -> None:
        super().__init__(path=["/", "/swagger"], favicon="", style="")

    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:
        csrf = request.app.csrf_config
        title = escape(str(openapi_schema["info"]["title"]))
        data = {
            "spec": escape(self.get_openapi_json_route(request)),
            "csrf-cookie": escape(csrf.cookie_name) if csrf else "",
            "csrf-header": escape(csrf.header_name) if csrf else "",
        }
        attributes = " ".join(f'data-{name}="{value}"' for name, value in data.items())
        return (
            "<!doctype html>\n"
            '<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{title}</title>"
            '<link rel="icon" href="/images/favicon.svg" type="image/svg+xml">'
            '<link rel="stylesheet" href="/vendor/swagger-ui/swagger-ui.css">'
            '<script src="/vendor/swagger-ui/swagger-ui-bundle.js" defer></script>'
            '<script src="/js/api-docs.js" defer></script>'
            f'</head><body><main id="api-docs" {attributes}></main></body></html>'
        ).encode()


def contract_yaml(schema: dict[str, Any]) -> str:
    """The contract as YAML, one way for openapi.yaml and /schema/openapi.yaml: paths sorted (a handler may serve
    several paths, in set order), plain YAML only (Litestar's own plugin tags tuple defaults `!!python/tuple`)."""
    schema = {**schema, "paths": dict(sorted(schema["paths"].items()))}
    return yaml.safe_dump(schema, sort_keys=False, allow_unicode=True, width=120)


class ContractYaml(OpenAPIRenderPlugin):
    """/schema/openapi.yaml: the same text as the committed openapi.yaml."""

    def __init__(self) -> None:
        super().__init__(path=["/openapi.yaml", "/openapi.yml"], media_type=OpenAPIMediaType.OPENAPI_YAML)

    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:
        return contract_yaml(openapi_schema).encode()


def render_plugins() -> list[OpenAPIRenderPlugin]:
    return [SwaggerPage(), JsonRenderPlugin(), ContractYaml()]


def _vendor_file(name: str, media_type: str) -> Any:
    async def serve() -> File:
        return File(SWAGGER_UI / name, content_disposition_type="inline", media_type=media_type)

    serve.__name__ = f"swagger_ui_{name.replace('.', '_').replace('-', '_').lower()}"
    return get(f"/vendor/swagger-ui/{name}", guards=[public], include_in_schema=False)(serve)


def swagger_ui_files() -> list[Any]:
    """Routes for exactly the package files the docs page loads (and the package's licence)."""
    return [_vendor_file(name, media_type) for name, media_type in SWAGGER_FILES.items()]
