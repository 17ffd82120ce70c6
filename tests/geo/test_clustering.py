"""Grid clustering in SQL gives the same cells on SQLite and PostgreSQL, also west of Greenwich."""

import pytest
from piccolo.columns import DoublePrecision, Serial
from piccolo.table import Table

from geo.clustering import cell_size, grid_clusters, grid_sql


class ClusteringProbe(Table, tablename="clustering_probe"):
    id = Serial(primary_key=True)
    lat = DoublePrecision()
    lon = DoublePrecision()


@pytest.fixture
async def probe(db):
    await ClusteringProbe.create_table(if_not_exists=True)
    await ClusteringProbe.delete(force=True)
    yield ClusteringProbe
    await ClusteringProbe.alter().drop_table(if_exists=True)


def test_cells_halve_with_every_zoom_level():
    assert cell_size(0) == 90.0
    assert cell_size(12) == pytest.approx(cell_size(11) / 2)
    assert cell_size(99) == cell_size(22)


def test_the_query_groups_by_cell_and_binds_every_value():
    sql = grid_sql("postgres", "defect_report", "municipality = {}")
    assert "floor" in sql and "GROUP BY gy, gx" in sql and sql.count("{}") == 3
    assert "floor" not in grid_sql("sqlite", "defect_report", "municipality = {}")


async def test_points_on_both_sides_of_greenwich_land_in_separate_cells_with_counts_and_centroids(probe):
    await probe.insert(
        probe(lat=51.4779, lon=-0.0015),
        probe(lat=51.4781, lon=-0.0016),
        probe(lat=51.4779, lon=0.0014),
        probe(lat=-33.9, lon=18.4),
    )
    clusters = await grid_clusters(probe, "lat > {}", [-90.0], zoom=10)
    west, east, cape = sorted(clusters, key=lambda c: c.lon)
    assert (west.count, east.count, cape.count) == (2, 1, 1)
    assert west.lat == pytest.approx(51.4780) and west.lon == pytest.approx(-0.00155)
    assert cape.sample_id == 4 and east.sample_id == 3
