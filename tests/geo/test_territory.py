"""The territory: points inside and outside, districts, bounding boxes."""

import json

import geojson
import pytest
import shapely

from geo import services as geo
from geo.bbox import BBox
from geo.errors import InvalidBBox, PointOutsideMunicipality
from tests.factories import INSIDE, OUTSIDE


async def test_a_point_in_wehen_lies_inside_taunusstein_and_in_a_district(taunusstein):
    territory = await geo.territory_of(taunusstein)
    territory.check_point(INSIDE["lon"], INSIDE["lat"])
    district = territory.district_at(INSIDE["lon"], INSIDE["lat"])
    assert district is not None and district.name in {
        "Wehen",
        "Watzhahn",
        "Wingsbach",
        "Seitzenhahn",
        "Orlen",
        "Neuhof",
    }


async def test_a_point_in_wiesbaden_is_rejected_with_the_distance_to_the_boundary(taunusstein):
    territory = await geo.territory_of(taunusstein)
    with pytest.raises(PointOutsideMunicipality) as raised:
        territory.check_point(OUTSIDE["lon"], OUTSIDE["lat"])
    error = raised.value
    assert "Taunusstein" in error.de and "außerhalb" in error.de
    # Wiesbaden's centre is several kilometres south-east of Taunusstein's boundary.
    assert 2_000 < error.extra["distance_m"] < 12_000
    assert error.field == "location"


async def test_the_territory_is_prepared_once_and_rebuilt_after_a_district_upload(taunusstein):
    first = await geo.territory_of(taunusstein)
    assert await geo.territory_of(taunusstein) is first
    await geo.upload_districts(
        taunusstein,
        {
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "properties": {"name": "Wehen"}, "geometry": json.loads(taunusstein.boundary)}
            ],
        },
    )
    refreshed = await geo.territory_of(await geo.get_municipality(taunusstein.slug))
    assert refreshed is not first
    wehen = next(d for d in refreshed.districts if d.name == "Wehen")
    assert wehen.geometry.covers(shapely.Point(INSIDE["lon"], INSIDE["lat"]))
    assert len(refreshed.districts) == 10  # districts left out of an upload keep theirs


def test_a_bbox_is_parsed_in_west_south_east_north_order():
    bbox = BBox.parse("8.1,50.1,8.3,50.2")
    assert bbox.contains(8.2, 50.15) and not bbox.contains(8.4, 50.15)


@pytest.mark.parametrize("text", ["8.1,50.1,8.3", "a,b,c,d", "8.3,50.1,8.1,50.2", "8,95,9,96"])
def test_a_malformed_bbox_is_refused_naming_the_field(text):
    with pytest.raises(InvalidBBox) as raised:
        BBox.parse(text)
    assert raised.value.field == "bbox"


async def test_the_shipped_boundary_is_valid_geojson(taunusstein):
    assert geojson.loads(taunusstein.boundary).is_valid
