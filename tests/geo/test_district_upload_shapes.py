"""A district upload whose features are not shaped like GeoJSON is a 422 naming the feature, not a 500."""

from __future__ import annotations

from tests.factories import logged_in
from tests.proposals.factories import admin_of

M = "/api/v1/municipalities/taunusstein"


async def test_district_properties_given_as_a_list_are_refused_naming_the_feature(client, taunusstein):
    await admin_of(taunusstein)
    await logged_in(client, "admin@taunusstein.example")
    for properties in (["name", "Wehen"], "Wehen", 5):
        upload = {
            "type": "FeatureCollection",
            "features": [{"type": "Feature", "properties": properties, "geometry": None}],
        }
        response = await client.put(f"{M}/districts", json=upload)
        assert response.status_code == 422, response.text
        assert response.json()["errors"][0]["field"] == "features[0]"
