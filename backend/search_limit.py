"""The rate limit of the address search (suggestions while typing): the same Litestar rate-limit middleware
and store as registration and login, with a budget of its own per client address, so that typing addresses
never uses up the tries of a registration (and a script cannot page through the register)."""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.middleware.base import DefineMiddleware
from litestar.middleware.rate_limit import RateLimitConfig, RateLimitMiddleware

PREFIX = "/api/v1/municipalities/"


class AddressSearchRateLimit(RateLimitMiddleware):
    """Its class name is part of Litestar's store key: a counter apart from the general limit."""


def is_address_search(method: str, path: str) -> bool:
    return method == "GET" and path.startswith(PREFIX) and path.rstrip("/").endswith("/addresses")


async def _check(request: Request[Any, Any, Any]) -> bool:
    """Async on purpose: Litestar runs a sync throttle check in a thread pool, on every request."""
    return is_address_search(request.method, request.url.path)


def address_search_limit(per_minute: int) -> DefineMiddleware:
    return RateLimitConfig(
        rate_limit=("minute", per_minute),
        check_throttle_handler=_check,
        middleware_class=AddressSearchRateLimit,
    ).middleware
