"""Open311 GeoReport v2: an Open311 client lists services and posts requests with an API key, in JSON and XML."""
# ruff: noqa: S314  (the tests parse our own answers, not untrusted XML)

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest

from defects.services.apikeys import issue_key
from defects.tables import Report
from geo.services import create_from_ags
from tests.defects.factories import stored_report, token_from, town_with_categories
from tests.factories import INSIDE, OUTSIDE
from tests.support.mailbox import first_link
from tests.support.moderation import post_moderated

BASE = "/open311/v2"
J = {"jurisdiction_id": "taunusstein"}
CONFIRM = "/api/v1/municipalities/taunusstein/reports/confirm"


@pytest.fixture
async def town(taunusstein):
    await post_moderated(taunusstein)
    return await town_with_categories(taunusstein)


@pytest.fixture
async def api_key(town):
    return (await issue_key(town.municipality.id, "FixMyStreet-App"))[1]


def request_form(key, **overrides):
    form = {
        "api_key": key,
        "jurisdiction_id": "taunusstein",
        "service_code": "strassen",
        "lat": str(INSIDE["lat"]),
        "long": str(INSIDE["lon"]),
        "address_string": "Aarstraße 12",
        "description": "Schlagloch am Zebrastreifen",
        "email": "app-user@example.org",
        "first_name": "Olga",
        "last_name": "Open",
        "attribute[size]": "large",
    }
    form.update(overrides)
    return {k: v for k, v in form.items() if v is not None}


async def test_discovery_lists_the_endpoint_in_both_formats(client, town):
    body = (await client.get(f"{BASE}/discovery.json")).json()
    assert body["endpoints"][0]["specification"] == "http://wiki.open311.org/GeoReport_v2"
    xml = ET.fromstring((await client.get(f"{BASE}/discovery.xml")).content)
    assert xml.tag == "discovery" and xml.find("endpoints/endpoint/formats/format").text == "application/json"


async def test_a_client_lists_services_and_reads_a_definition_in_json_and_xml(client, town):
    services = (await client.get(f"{BASE}/services.json", params=J)).json()
    assert [s["service_code"] for s in services] == ["strassen", "beleuchtung"]
    assert services[0]["metadata"] is True and services[1]["metadata"] is False
    assert services[0]["group"] == "Tiefbau und Verkehr"

    response = await client.get(f"{BASE}/services.xml", params=J)
    assert response.headers["content-type"].startswith("text/xml")
    root = ET.fromstring(response.content)
    assert root.tag == "services"
    assert [s.findtext("service_code") for s in root.findall("service")] == ["strassen", "beleuchtung"]
    assert root.find("service/metadata").text == "true"

    definition = (await client.get(f"{BASE}/services/strassen.json", params=J)).json()
    size = definition["attributes"][0]
    assert size["code"] == "size" and size["datatype"] == "singlevaluelist" and size["required"] is True
    assert {v["key"] for v in size["values"]} == {"small", "large"}
    xml = ET.fromstring((await client.get(f"{BASE}/services/strassen.xml", params=J)).content)
    assert xml.tag == "service_definition"
    assert [v.findtext("key") for v in xml.findall("attributes/attribute/values/value")] == ["small", "large"]


async def test_a_client_posts_a_request_in_json_the_reporter_confirms_and_it_is_listed(client, town, api_key, mailbox):
    response = await client.post(f"{BASE}/requests.json", data=request_form(api_key))
    assert response.status_code == 201, response.text
    request_id = response.json()[0]["service_request_id"]
    assert "E-Mail" in response.json()[0]["service_notice"]
    row = await Report.select(Report.channel, Report.confirmed_at).where(Report.id == int(request_id)).first()
    assert row["channel"] == "open311" and row["confirmed_at"] is None

    listed = (await client.get(f"{BASE}/requests.json", params=J)).json()
    assert listed == []  # not counted before the confirmation
    mail = await mailbox.wait_for("app-user@example.org", "bestätigen")
    await client.post(CONFIRM, json={"token": token_from(first_link(mail))})

    listed = (await client.get(f"{BASE}/requests.json", params=J)).json()
    assert [r["service_request_id"] for r in listed] == [request_id]
    item = listed[0]
    assert item["status"] == "open" and item["service_code"] == "strassen" and item["long"] == INSIDE["lon"]
    assert item["agency_responsible"] == "Tiefbau und Verkehr"
    assert datetime.fromisoformat(item["requested_datetime"]).tzinfo is not None
    assert "app-user@example.org" not in str(listed) and "Olga" not in str(listed)
    one = (await client.get(f"{BASE}/requests/{request_id}.json", params=J)).json()
    assert one[0]["description"] == "Schlagloch am Zebrastreifen"


async def test_a_client_posts_a_request_in_xml(client, town, api_key, mailbox):
    response = await client.post(f"{BASE}/requests.xml", data=request_form(api_key))
    assert response.status_code == 201, response.text
    root = ET.fromstring(response.content)
    assert root.tag == "service_requests"
    request_id = root.findtext("request/service_request_id")
    assert request_id and int(request_id) > 0
    mail = await mailbox.wait_for("app-user@example.org", "bestätigen")
    await client.post(CONFIRM, json={"token": token_from(first_link(mail))})
    one = ET.fromstring((await client.get(f"{BASE}/requests/{request_id}.xml", params=J)).content)
    assert one.findtext("request/status") == "open" and one.findtext("request/service_code") == "strassen"


@pytest.mark.parametrize("fmt", ["json", "xml"])
async def test_a_missing_or_wrong_key_is_a_403_in_the_specs_error_list(client, town, api_key, fmt):
    idstein = await create_from_ags("06439008")
    foreign_key = (await issue_key(idstein.id, "Idstein app"))[1]
    for key in (None, "falsch", foreign_key):
        response = await client.post(f"{BASE}/requests.{fmt}", data=request_form(api_key, api_key=key))
        assert response.status_code == 403
        if fmt == "json":
            assert response.json()[0]["code"] == 403 and "API key" in response.json()[0]["description"]
        else:
            root = ET.fromstring(response.content)
            assert root.tag == "errors" and root.findtext("error/code") == "403"
    assert await Report.count() == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"lat": str(OUTSIDE["lat"]), "long": str(OUTSIDE["lon"])}, "location"),
        ({"lat": "norden"}, "lat"),
        ({"email": "kein-at-zeichen"}, "email"),
        ({"attribute[size]": "riesig"}, "attribute[size]"),
    ],
)
async def test_an_invalid_request_is_a_400_naming_the_field_and_stores_nothing(
    client, town, api_key, mailbox, change, field
):
    response = await client.post(f"{BASE}/requests.json", data=request_form(api_key, **change))
    assert response.status_code == 400, response.text
    assert f"({field})" in response.json()[0]["description"]
    assert await Report.count() == 0 and mailbox.messages == []


async def test_requests_filter_by_status_code_and_date_with_a_90_day_default_window(client, town):
    now = datetime.now(UTC)
    fresh = await stored_report(town, INSIDE["lat"], INSIDE["lon"])
    fixed = await stored_report(town, INSIDE["lat"], INSIDE["lon"], category="beleuchtung", status="erledigt")
    old = await stored_report(town, INSIDE["lat"], INSIDE["lon"], created_at=now - timedelta(days=120))
    await stored_report(town, INSIDE["lat"], INSIDE["lon"], visibility="hidden")

    def ids(response):
        assert response.status_code == 200, response.text
        return {int(r["service_request_id"]) for r in response.json()}

    assert ids(await client.get(f"{BASE}/requests.json", params=J)) == {fresh, fixed}
    assert ids(await client.get(f"{BASE}/requests.json", params={**J, "status": "closed"})) == {fixed}
    assert ids(await client.get(f"{BASE}/requests.json", params={**J, "service_code": "strassen"})) == {fresh}
    start = (now - timedelta(days=150)).isoformat()
    end = (now - timedelta(days=100)).isoformat()
    assert ids(await client.get(f"{BASE}/requests.json", params={**J, "start_date": start, "end_date": end})) == {old}
    closed = (await client.get(f"{BASE}/requests.json", params={**J, "status": "closed"})).json()[0]
    assert closed["status_notes"].startswith("Erledigt")


async def test_unknown_jurisdictions_formats_and_requests_answer_in_the_error_format(client, town):
    missing = await client.get(f"{BASE}/services.json")
    assert missing.status_code == 400 and "jurisdiction_id" in missing.json()[0]["description"]
    unknown = await client.get(f"{BASE}/services.xml", params={"jurisdiction_id": "atlantis"})
    assert unknown.status_code == 404 and ET.fromstring(unknown.content).findtext("error/code") == "404"
    assert (await client.get(f"{BASE}/services.csv", params=J)).status_code == 400
    assert (await client.get(f"{BASE}/requests/999.json", params=J)).status_code == 404
