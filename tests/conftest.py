"""Fixtures for the whole suite: the run's own database, the app, a real SMTP server, people and places.

The database engine comes from STADTSTIMME_TEST_ENGINE (`just test` runs the suite once per engine).
Environment variables are set here, before any test module imports the app.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from tests.support import database

os.environ["DATABASE_URL"] = database.create()
os.environ["PICCOLO_CONF"] = "backend.piccolo_conf"
# Photos and rendered documents of this run (the document worker subprocess reads the same variable).
os.environ["MEDIA_DIR"] = database.scratch_dir("stadtstimme-media-")
os.environ.setdefault("CI", "")

from backend.piccolo_conf import DB
from backend.settings import Settings
from tests.support import pools
from tests.support.mailbox import SmtpServer

pools.install(DB)  # PostgreSQL: a connection pool per event loop (tests/support/pools.py)


def pytest_report_header(config: pytest.Config) -> str:
    return f"stadtstimme database engine: {database.engine_name()} ({os.environ['DATABASE_URL']})"


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    """Browser tests run last: Playwright's sync API keeps an event loop registered on the main thread
    for the browser's lifetime, and async tests collected after it would find a loop already running."""
    items.sort(key=lambda item: "/tests/e2e/" in str(item.path))


def _runs_tests(config: pytest.Config) -> bool:
    """False in pytest-xdist's controller, which only hands tests to its workers (each has its own database)."""
    return hasattr(config, "workerinput") or not getattr(config.option, "numprocesses", None)


def pytest_sessionstart(session: pytest.Session) -> None:
    if not _runs_tests(session.config):
        return
    from piccolo.apps.migrations.commands.forwards import run_forwards

    async def migrate() -> Any:
        try:
            return await run_forwards(app_name="all")
        finally:
            await pools.close_this_loops_pool(DB)

    result = asyncio.run(migrate())
    assert result.success, result.message


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    database.drop(os.environ["DATABASE_URL"])


@pytest.fixture(scope="session")
def smtp() -> Iterator[SmtpServer]:
    with SmtpServer() as server:
        yield server


@pytest.fixture
def mailbox(smtp: SmtpServer) -> Any:
    smtp.mailbox.messages.clear()
    return smtp.mailbox


def make_settings(smtp: SmtpServer, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": os.environ["DATABASE_URL"],
        "password_hashing": "fast-insecure",
        "rate_limit_per_minute": 10_000,
        "address_search_per_minute": 10_000,
        "tile_url": "",
        "smtp_host": "127.0.0.1",
        "smtp_port": smtp.port,
        "base_url": "http://stadtstimme.test",
        # No pool of the app's own: fixtures query from other event loops than the app's, and a pool belongs to
        # one loop. The suite's engine keeps a pool per loop instead (tests/support/pools.py).
        "database_pool_size": 0,
        # The in-app scheduler would mail and delete behind a test's back; the tests of it switch it on.
        "scheduler_enabled": False,
        # Decision mails at once (the quiet time that joins them has its own test).
        "moderation_mail_quiet_seconds": 0,
    }
    values.update(overrides)
    return Settings(**values)


@pytest.fixture
def settings(smtp: SmtpServer) -> Settings:
    return make_settings(smtp)


@pytest.fixture
async def db() -> AsyncIterator[None]:
    """An empty, migrated database for this test."""
    await database.empty_all_tables()
    await pools.open_for_this_loop(DB)
    yield
    await pools.close_this_loops_pool(DB)  # the test's loop ends after this test


@pytest.fixture
async def client(db: None, settings: Settings) -> AsyncIterator[Any]:
    """A client of this worker's app (built once per worker, its memory emptied for each test: see
    tests/support/client.py)."""
    from tests.support.client import api_client, reset_app, shared_app

    app = shared_app(settings)
    await reset_app(app)
    async with api_client(settings, app) as c:
        yield c


@pytest.fixture
async def taunusstein(db: None) -> Any:
    from tests.factories import taunusstein_with_districts

    return await taunusstein_with_districts()


@pytest.fixture
def many_contributions(monkeypatch: pytest.MonkeyPatch) -> None:
    """For tests that write many contributions from one account on purpose (votes, threads, query counts):
    moderation's burst rule would rightly hold them back, and these tests are not about it."""
    from moderation import intake

    monkeypatch.setattr(intake, "BURST_LIMIT", 10_000)


@pytest.fixture(scope="session", autouse=True)
def _content_types_installed() -> None:
    """What create_app does at start-up, for tests that call services without an app."""
    from backend.wiring import content_registry

    content_registry().install()


@pytest.fixture(autouse=True)
def _restore_moderation_listeners(_content_types_installed: None) -> Iterator[None]:
    """Tests may register fake content types (even under real names like "comment"); the real listeners of
    proposals and defects must be back for the next test."""
    from moderation import hook

    saved = dict(hook._listeners)
    yield
    hook._listeners.clear()
    hook._listeners.update(saved)
