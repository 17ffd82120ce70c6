"""Open311 as outside apps use it: the real app on a loopback port, a town with categories, an API key."""

from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

from defects.services.apikeys import issue_key
from tests.defects.factories import Town, town_with_categories
from tests.support.live_server import LiveServer, serve
from tests.support.mailbox import SmtpServer

J = {"jurisdiction_id": "taunusstein"}


@pytest.fixture(scope="module")
def live(smtp: SmtpServer) -> Iterator[LiveServer]:
    server = serve(smtp)
    yield server
    server.stop()


@pytest.fixture
async def outside(live: LiveServer, db: None) -> AsyncIterator[httpx.AsyncClient]:
    """An Open311 client on another machine: plain HTTP, no cookies of ours, no CSRF token."""
    async with httpx.AsyncClient(base_url=f"{live.url}/open311/v2", timeout=30) as client:
        yield client


@pytest.fixture
async def town(taunusstein: Any) -> Town:
    """Taunusstein under the standard moderation policy: requests without an account wait for a moderator."""
    return await town_with_categories(taunusstein)


@pytest.fixture
async def api_key(town: Town) -> str:
    return (await issue_key(town.municipality.id, "Stadt-App"))[1]


def form(key: str, **fields: Any) -> dict[str, Any]:
    """A GeoReport v2 POST: only what the spec requires, plus `fields` (None drops a field)."""
    values: dict[str, Any] = {"api_key": key, "jurisdiction_id": "taunusstein", "service_code": "strassen"}
    values.update(fields)
    return {k: v for k, v in values.items() if v is not None}
