"""One distance function, latitude before longitude: what "within 150 m" and "how far outside" rely on."""

import pytest

from geo.measure import degrees_around, metres_between


def test_one_thousandth_of_a_degree_north_is_about_111_metres():
    assert metres_between(50.0, 8.0, 50.001, 8.0) == pytest.approx(111.3, abs=0.1)


def test_a_degree_of_longitude_shrinks_with_latitude():
    at_taunusstein = metres_between(50.15, 8.15, 50.15, 8.151)
    assert at_taunusstein == pytest.approx(71.3, abs=0.2)
    assert metres_between(0.0, 8.15, 0.0, 8.151) > at_taunusstein


def test_distance_is_symmetric_and_zero_for_one_point():
    assert metres_between(50.1, 8.1, 50.2, 8.3) == pytest.approx(metres_between(50.2, 8.3, 50.1, 8.1))
    assert metres_between(50.1, 8.1, 50.1, 8.1) == 0.0


def test_the_box_around_a_point_reaches_the_radius_on_each_axis():
    dlat, dlon = degrees_around(50.15, 100.0)
    assert metres_between(50.15, 8.15, 50.15 + dlat, 8.15) == pytest.approx(100.0, rel=1e-3)
    assert metres_between(50.15, 8.15, 50.15, 8.15 + dlon) == pytest.approx(100.0, rel=1e-3)
