"""Every Open311 answer can be parsed: one charset in the Content-Type, and XML that no stored text can break."""
# ruff: noqa: S314  (the tests parse our own answers)

import json
import xml.etree.ElementTree as ET
from datetime import date

from defects.tables import Report
from tests.backend.open311.conftest import J
from tests.defects.factories import stored_report
from tests.factories import INSIDE


async def test_xml_and_csv_name_exactly_one_charset(outside, live, town):
    xml = await outside.get("/services.xml", params=J)
    assert xml.headers["content-type"] == "text/xml; charset=utf-8"
    assert (await outside.get("/services.json", params=J)).headers["content-type"] == "application/json"
    today = date.today().isoformat()
    csv = await outside.get(
        f"{live.url}/api/v1/municipalities/taunusstein/open-data/defect-reports.csv",
        params={"from": today, "to": today},
    )
    assert csv.status_code == 200, csv.text
    assert csv.headers["content-type"] == "text/csv; charset=utf-8"


async def test_a_control_character_in_a_public_report_cannot_make_requests_xml_ill_formed(outside, town):
    report_id = await stored_report(town, INSIDE["lat"], INSIDE["lon"])
    # Stored before any input rule existed (or by a path that has none): vertical tab, escape, unit separator.
    await Report.update({Report.description: "Loch\x0bim\x1bWeg\x1f", Report.address: "Aar\x0cstraße"}).where(
        Report.id == report_id
    )
    response = await outside.get("/requests.xml", params=J)
    assert response.status_code == 200
    request = ET.fromstring(response.content).find("request")  # a real parser: ill-formed XML raises here
    assert request.findtext("description") == "Loch\ufffdim\ufffdWeg\ufffd"
    assert request.findtext("address") == "Aar\ufffdstraße"
    # JSON carries any character escaped, so it keeps the text as stored.
    assert json.loads((await outside.get("/requests.json", params=J)).content)[0]["description"] == (
        "Loch\x0bim\x1bWeg\x1f"
    )
