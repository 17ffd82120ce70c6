"""The municipalities API: boundaries and districts as GeoJSON, point checks, district uploads."""

import json

import geojson

from geo.roles import Role
from tests.factories import INSIDE, OUTSIDE, logged_in, person, split_into_districts


async def test_the_list_names_every_municipality(client, taunusstein):
    response = await client.get("/api/v1/municipalities")
    assert response.status_code == 200
    assert [m["slug"] for m in response.json()] == ["taunusstein"]


async def test_the_detail_carries_boundary_and_ten_districts_as_valid_geojson(client, taunusstein):
    body = (await client.get("/api/v1/municipalities/taunusstein")).json()
    assert body["name"] == "Taunusstein" and body["ags"] == "06439015"
    assert geojson.loads(json.dumps(body["boundary"])).is_valid
    districts = geojson.loads(json.dumps(body["districts"]))
    assert districts.is_valid
    assert sorted(f["properties"]["name"] for f in districts["features"])[:2] == ["Bleidenstadt", "Hahn"]
    assert len(districts["features"]) == 10
    west, south, east, north = body["bbox"]
    assert west < INSIDE["lon"] < east and south < INSIDE["lat"] < north
    assert "GeoBasis-DE" in body["attribution"]


async def test_an_unknown_municipality_is_a_404_problem_in_german_and_english(client, db):
    response = await client.get("/api/v1/municipalities/atlantis")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert "atlantis" in problem["detail"] and "gibt es hier nicht" in problem["detail"]
    assert "no municipality" in problem["detail_en"]
    english = await client.get("/api/v1/municipalities/atlantis", headers={"Accept-Language": "en"})
    assert english.json()["detail"] == problem["detail_en"]


async def test_locating_a_point_outside_names_the_municipality_and_the_distance(client, taunusstein):
    response = await client.get("/api/v1/municipalities/taunusstein/locate", params=OUTSIDE)
    assert response.status_code == 422
    problem = response.json()
    assert problem["errors"][0]["field"] == "location"
    assert "außerhalb von Taunusstein" in problem["detail"] and " km " in problem["detail"]
    assert problem["distance_m"] > 1000


async def test_locating_a_point_inside_returns_its_district(client, taunusstein):
    body = (await client.get("/api/v1/municipalities/taunusstein/locate", params=INSIDE)).json()
    assert body["inside"] is True and body["district"]


async def test_out_of_range_coordinates_are_a_422_naming_the_parameter(client, taunusstein):
    response = await client.get("/api/v1/municipalities/taunusstein/locate", params={"lat": 123, "lon": 8})
    assert response.status_code == 422
    assert any(e["field"] == "lat" for e in response.json()["errors"])


async def test_only_admins_may_upload_districts(client, taunusstein):
    upload = split_into_districts(json.loads(taunusstein.boundary), ["Nord", "Süd"])
    assert (await client.put("/api/v1/municipalities/taunusstein/districts", json=upload)).status_code == 401
    await person("resi@example.org", roles=(Role.RESIDENT,), municipality=taunusstein)
    await logged_in(client, "resi@example.org")
    assert (await client.put("/api/v1/municipalities/taunusstein/districts", json=upload)).status_code == 403


async def test_an_admin_uploads_district_polygons(client, taunusstein):
    await person("admin@example.org", roles=(Role.ADMIN,), municipality=taunusstein)
    await logged_in(client, "admin@example.org")
    upload = split_into_districts(json.loads(taunusstein.boundary), ["Wehen", "Neu-Nord"])
    response = await client.put("/api/v1/municipalities/taunusstein/districts", json=upload)
    assert response.status_code == 200, response.text
    names = {f["properties"]["name"]: f["geometry"] for f in response.json()["districts"]["features"]}
    assert names["Neu-Nord"] is not None and names["Wehen"] is not None
    assert len(names) == 11  # the ten by name, one of them redrawn, plus the new one


async def test_a_district_outside_the_boundary_is_refused_and_nothing_changes(client, taunusstein):
    await person("admin@example.org", roles=(Role.ADMIN,), municipality=taunusstein)
    await logged_in(client, "admin@example.org")
    before = (await client.get("/api/v1/municipalities/taunusstein")).json()["districts"]
    far_away = {"type": "Polygon", "coordinates": [[[9, 51], [9.1, 51], [9.1, 51.1], [9, 51.1], [9, 51]]]}
    upload = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"name": "Wehen"}, "geometry": json.loads(taunusstein.boundary)},
            {"type": "Feature", "properties": {"name": "Kassel"}, "geometry": far_away},
        ],
    }
    response = await client.put("/api/v1/municipalities/taunusstein/districts", json=upload)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "features[1]"
    assert (await client.get("/api/v1/municipalities/taunusstein")).json()["districts"] == before


async def test_a_municipality_admin_cannot_act_in_another_municipality(client, taunusstein):
    from geo.services import create_from_ags

    await create_from_ags("06434011")  # Usingen
    await person("admin@example.org", roles=(Role.ADMIN,), municipality=taunusstein)
    await logged_in(client, "admin@example.org")
    usingen = (await client.get("/api/v1/municipalities/usingen")).json()
    upload = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "properties": {"name": "Kern"}, "geometry": usingen["boundary"]}],
    }
    assert (await client.put("/api/v1/municipalities/usingen/districts", json=upload)).status_code == 403
