"""SQLite (`just run`, small towns): a page's reads share one open connection instead of opening one each (Piccolo
opens a connection and a thread per query; in the demo that was most of a page's time), and still see every write
the moment it is committed."""

import asyncio

import aiosqlite
import pytest

from backend.database import WritingSQLiteEngine
from backend.piccolo_conf import DB
from geo.roles import Role
from geo.tables import Municipality
from tests.factories import person
from tests.proposals.factories import admin_of, consultation, proposal

pytestmark = pytest.mark.skipif(not isinstance(DB, WritingSQLiteEngine), reason="SQLite's engine only")

SLUG = "taunusstein"


@pytest.fixture
def connections_opened(monkeypatch):
    opened = []
    real = aiosqlite.connect

    def counting(*args, **kwargs):
        opened.append(args or kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(aiosqlite, "connect", counting)
    return opened


async def test_reading_pages_open_no_connection_of_their_own(client, taunusstein, connections_opened):
    cid = await consultation(taunusstein, await admin_of(taunusstein))
    resident = await person("r@example.org", roles=(Role.RESIDENT,), municipality=taunusstein, name="R")
    await proposal(taunusstein, cid, resident)
    connections_opened.clear()
    for url in (
        f"/api/v1/municipalities/{SLUG}",
        f"/api/v1/municipalities/{SLUG}/consultations/{cid}",
        f"/api/v1/municipalities/{SLUG}/consultations/{cid}/proposals",
    ):
        response = await client.get(url)
        assert response.status_code == 200, response.text
    assert connections_opened == []


async def test_a_committed_write_is_read_back_at_once_and_the_reader_refuses_writes(client, taunusstein):
    await Municipality.update({Municipality.name: "Taunusstein (neu)"}).where(Municipality.id == taunusstein.id)
    assert (await client.get(f"/api/v1/municipalities/{SLUG}")).json()["name"] == "Taunusstein (neu)"
    # What the shared reader gets is a SELECT; were a write ever sent there, it fails instead of slipping past
    # the write lock that every writing transaction takes (BEGIN IMMEDIATE).
    await DB.open_reader()
    reader = DB._readers[asyncio.get_running_loop()]
    with pytest.raises(Exception, match="readonly"):
        await reader.execute("UPDATE municipality SET name = 'x'")
    assert (await Municipality.select(Municipality.name).where(Municipality.id == taunusstein.id).first())[
        "name"
    ] == "Taunusstein (neu)"
