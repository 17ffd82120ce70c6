"""City-wide counts and clusters are remembered briefly, but a change to a report shows at once."""

import pytest

from defects import mapcache
from defects.services.map_and_list import snap_to_grid
from geo.bbox import BBox
from geo.clustering import cell_size
from tests.defects.factories import confirmed_report, stored_report, town_with_categories
from tests.factories import INSIDE
from tests.support.moderation import post_moderated

URL = "/api/v1/municipalities/taunusstein/reports"


@pytest.fixture
async def town(taunusstein, monkeypatch):
    monkeypatch.setattr(mapcache, "CACHE_FROM_ROWS", 1)
    mapcache.forget()
    await post_moderated(taunusstein)
    yield await town_with_categories(taunusstein)
    mapcache.forget()


def test_a_viewport_widens_to_whole_grid_cells():
    cell = cell_size(12)
    snapped = snap_to_grid(BBox(8.151, 50.151, 8.199, 50.181), cell)
    assert snapped.west <= 8.151 and snapped.east >= 8.199 and snapped.south <= 50.151 and snapped.north >= 50.181
    for value, offset in ((snapped.west, 180), (snapped.south, 90), (snapped.east, 180), (snapped.north, 90)):
        assert (value + offset) / cell == pytest.approx(round((value + offset) / cell))
    q = cell / 4  # a slightly moved map inside the same cells asks the same question
    moved = BBox(snapped.west + q, snapped.south + q, snapped.east - q, snapped.north - q)
    assert snap_to_grid(moved, cell) == snapped


async def test_a_confirmed_report_shows_at_once_though_counts_are_remembered(client, town, mailbox):
    await stored_report(town, INSIDE["lat"], INSIDE["lon"])
    assert (await client.get(URL, params={"zoom": 12})).json()["total"] == 1
    assert (await client.get(URL)).json()["total"] == 1
    await stored_report(town, INSIDE["lat"], INSIDE["lon"])  # written behind the service's back
    # Clusters are keyed by the map version the database raises on every write: seen at once, in any worker;
    # the remembered count of the list is not seen yet.
    assert (await client.get(URL, params={"zoom": 12})).json()["total"] == 2
    assert (await client.get(URL)).json()["total"] == 1
    await confirmed_report(client, "taunusstein", mailbox)  # through the service: the cache is dropped
    assert (await client.get(URL, params={"zoom": 12})).json()["total"] == 3
    assert (await client.get(URL)).json()["total"] == 3


async def test_cluster_answers_are_keyed_by_zoom_cells_and_the_map_version(client, town, monkeypatch):
    from defects import mapcells

    asked: list[int] = []
    counting = mapcells.clusters

    async def clusters(f, zoom, cells):
        asked.append(zoom)
        return await counting(f, zoom, cells)

    monkeypatch.setattr(mapcells, "clusters", clusters)
    await stored_report(town, INSIDE["lat"], INSIDE["lon"])
    await stored_report(town, INSIDE["lat"] + 0.02, INSIDE["lon"] + 0.03)
    city = (await client.get(URL, params={"zoom": 12})).json()
    assert len((await client.get(URL, params={"zoom": 6})).json()["features"]) == 1 < len(city["features"])
    assert (await client.get(URL, params={"zoom": 12})).json() == city and asked == [12, 6]  # remembered
    # A viewport moved inside the same cells is the same question; another range of cells is not.
    snapped = snap_to_grid(BBox(8.15, 50.15, 8.2, 50.18), cell_size(12))
    q = cell_size(12) / 4
    for west in (snapped.west + q, snapped.west + 2 * q):
        (await client.get(URL, params={"zoom": 12, "bbox": f"{west},50.151,8.199,50.179"})).raise_for_status()
    assert asked == [12, 6, 12]
    await stored_report(town, INSIDE["lat"], INSIDE["lon"])  # any write, by any path: the version moves on
    assert (await client.get(URL, params={"zoom": 12})).json()["total"] == 3 and asked[-1] == 12


async def test_with_redis_every_worker_reads_the_same_remembered_answer(client, town):
    import uuid

    from litestar.stores.redis import RedisStore
    from redis.asyncio import Redis

    # The app answers on its own event loop: it gets a client of its own, the test another.
    namespace = f"test-map-{uuid.uuid4().hex}"
    store = RedisStore(Redis.from_url("redis://127.0.0.1:6379/0"), handle_client_shutdown=False)
    store = store.with_namespace(namespace)
    redis = Redis.from_url("redis://127.0.0.1:6379/0")
    mapcache.share_through(store)
    try:
        await stored_report(town, INSIDE["lat"], INSIDE["lon"])
        first = (await client.get(URL, params={"zoom": 12})).json()
        assert first["total"] == 1
        assert [key async for key in redis.scan_iter(match=f"*{namespace}*")] != []  # shared, not local
        mapcache.forget()  # another worker's memory: empty
        assert (await client.get(URL, params={"zoom": 12})).json() == first
        await stored_report(town, INSIDE["lat"], INSIDE["lon"])
        assert (await client.get(URL, params={"zoom": 12})).json()["total"] == 2
    finally:
        mapcache.share_through(None)
        async for key in redis.scan_iter(match=f"*{namespace}*"):
            await redis.delete(key)
        await redis.aclose()
