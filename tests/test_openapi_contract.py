"""openapi.yaml is the API contract: it must be exactly what the app generates."""

from backend.cli import OPENAPI_FILE, openapi_document


def test_the_committed_openapi_matches_the_app():
    assert OPENAPI_FILE.read_text(encoding="utf-8") == openapi_document(), (
        "openapi.yaml differs from the app: run `just openapi` and commit the result"
    )


def test_every_operation_declares_an_authorization_rule():
    """Each handler carries a guard (`public` included), so no endpoint is open by accident."""
    from backend.app import create_app

    app = create_app()
    unguarded = []
    for route in app.routes:
        if route.path.startswith("/schema"):
            continue  # the published API description itself
        for handler in getattr(route, "route_handlers", []):
            if set(getattr(handler, "http_methods", [])) == {"OPTIONS"}:
                continue  # Litestar's automatic CORS preflight answer
            if not handler.resolve_guards():
                unguarded.append(f"{route.path} {sorted(getattr(handler, 'http_methods', []))}")
    assert unguarded == []
