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
