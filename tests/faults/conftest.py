"""Fixtures of the fault tests: a PostgreSQL cluster of each test's own, Redis under a namespace of the test's
own, a real SMTP server, and the app under uvicorn with two workers.

The fault tests start their own PostgreSQL whatever the suite's engine is, so `just test` runs them once, in
its PostgreSQL pass; in the SQLite pass they are skipped. The database is migrated and seeded once per run into
a template cluster; each test starts a copy of it (a file copy of the stopped cluster: a second, not thirty).
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
import redis.asyncio

from tests.faults import cluster as pg
from tests.faults.server import ROOT, Server
from tests.support import database
from tests.support.mailbox import SmtpServer

REDIS_URL = "redis://127.0.0.1:6379/0"
DATABASE = "stadtstimme_faults"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    reason = None
    if database.engine_name() != "postgres":
        reason = "fault tests run once, in the PostgreSQL pass (STADTSTIMME_TEST_ENGINE=postgres)"
    elif pg.unavailable_reason():
        reason = f"no throwaway PostgreSQL cluster possible: {pg.unavailable_reason()}"
    else:
        try:
            redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
        except redis.RedisError as error:
            reason = f"Redis is not reachable at {REDIS_URL}: {error}"
    for item in items:
        if "/tests/faults/" in str(item.path):
            item.add_marker(pytest.mark.faults)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """The figures of each fault test (requests, acknowledged writes, rows found, 503s, recovery), every run."""
    from tests.faults.load import FIGURES

    if FIGURES:
        terminalreporter.section("fault tests: figures")
        for line in FIGURES:
            terminalreporter.write_line(line)


def app_env(database_url: str, smtp_port: int, namespace: str, folder: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "PICCOLO_CONF": "backend.piccolo_conf",
        "PYTHONPATH": str(ROOT),
        "DATABASE_POOL_SIZE": "5",
        "REDIS_URL": REDIS_URL,
        "REDIS_NAMESPACE": namespace,
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(smtp_port),
        "BASE_URL": "http://stadtstimme.test",
        "PASSWORD_HASHING": "fast-insecure",
        "RATE_LIMIT_PER_MINUTE": "1000000",
        "TILE_URL": "",
        "LOG_LEVEL": "WARNING",
        "MEDIA_DIR": str(folder / "media"),
        "MAIL_OUTBOX_DIR": str(folder / "outbox"),
    }


@pytest.fixture(scope="session")
def template() -> Iterator[tuple[pg.Cluster, dict[str, Any]]]:
    """A stopped cluster with the migrated, seeded database; and what the seed made (slug, proposals, people)."""
    cluster = pg.new_cluster()
    try:
        _create_database(cluster.url(), DATABASE)
        env = app_env(cluster.url(DATABASE), 25, "unused", cluster.folder)
        done = subprocess.run(
            [sys.executable, "-m", "tests.faults.seed"], env=env, cwd=ROOT, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr[-4000:]
        seeded = json.loads(done.stdout.strip().splitlines()[-1])
        cluster.stop()
        yield cluster, seeded
    finally:
        cluster.remove()


def _create_database(url: str, name: str) -> None:
    import asyncpg

    async def run() -> None:
        connection = await asyncpg.connect(url, timeout=10)
        try:
            await connection.execute(f'CREATE DATABASE "{name}"')
        finally:
            await connection.close()

    asyncio.run(run())


@pytest.fixture
def cluster(template: tuple[pg.Cluster, dict[str, Any]]) -> Iterator[pg.Cluster]:
    """A running copy of the template cluster, for this test alone (it may stop, restart or crash it)."""
    source, _ = template
    folder = Path(tempfile.mkdtemp(prefix="stadtstimme-faults-pg-"))
    shutil.copystat(source.folder, folder)
    if os.geteuid() == 0:
        os.chown(folder, source.data.stat().st_uid, source.data.stat().st_gid)
    subprocess.run(["cp", "-a", str(source.data), str(folder / "data")], check=True)
    copy = pg.Cluster(folder, pg.free_port())
    copy.start()
    yield copy
    copy.remove()


@pytest.fixture
def seeded(template: tuple[pg.Cluster, dict[str, Any]]) -> dict[str, Any]:
    return template[1]


@pytest.fixture
async def namespace() -> AsyncIterator[str]:
    """Sessions and rate limits of this test under a Redis namespace of its own, removed afterwards."""
    name = f"stadtstimme-faults-{uuid.uuid4().hex[:8]}"
    yield name
    client = redis.asyncio.Redis.from_url(REDIS_URL)
    async for key in client.scan_iter(f"{name}*"):
        await client.delete(key)
    await client.aclose()


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    with SmtpServer() as server:
        yield server


@pytest.fixture
def app(cluster: pg.Cluster, smtp_server: SmtpServer, namespace: str, tmp_path: Path) -> Iterator[Server]:
    server = Server(app_env(cluster.url(DATABASE), smtp_server.port, namespace, tmp_path), tmp_path / "app.log")
    try:
        try:
            server.wait_ready()
        except RuntimeError as error:
            raise RuntimeError(f"{error}\n--- PostgreSQL log ---\n{cluster.log()[-3000:]}") from None
        yield server
    finally:
        server.stop()
