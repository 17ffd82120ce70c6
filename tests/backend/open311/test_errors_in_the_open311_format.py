"""Everything under /open311/ answers errors as the spec's error list, in the format the URL asks for, with the
right status code: never RFC 9457 problem details, not even before a handler runs."""
# ruff: noqa: S314  (the tests parse our own answers)

import json
import xml.etree.ElementTree as ET

from litestar.exceptions import ValidationException

from backend.open311.errors import answer_error
from tests.backend.open311.conftest import J


def xml_errors(response):
    root = ET.fromstring(response.content)
    assert root.tag == "errors", response.text
    return [(e.findtext("code"), e.findtext("description")) for e in root.findall("error")]


def json_errors(response):
    assert response.headers["content-type"] == "application/json", response.text
    return [(e["code"], e["description"]) for e in json.loads(response.content)]


async def test_a_deeper_unknown_path_is_a_404_in_the_format_asked_for(outside, town):
    deeper_xml = await outside.get("/requests/1/notes.xml", params=J)
    assert deeper_xml.status_code == 404 and xml_errors(deeper_xml)[0][0] == "404"
    deeper_json = await outside.get("/a/b/c.json", params=J)
    assert deeper_json.status_code == 404 and json_errors(deeper_json)[0][0] == 404


async def test_a_method_not_allowed_is_a_405_in_the_format_asked_for(outside, town):
    response = await outside.put("/requests.xml", data={"x": "y"})
    assert response.status_code == 405
    assert xml_errors(response)[0][0] == "405"
    assert "POST" in response.headers.get("allow", "")


async def test_a_malformed_multipart_post_is_a_400_in_the_format_asked_for(outside, town, api_key):
    response = await outside.post(
        "/requests.xml",
        content=b"--nope\r\nthis is not a multipart body",
        headers={"content-type": "multipart/form-data; boundary=elsewhere"},
    )
    assert response.status_code == 400
    assert xml_errors(response)[0][0] == "400"


async def test_ids_and_dates_out_of_range_are_answered_not_crashed_on(outside, town):
    huge = await outside.get("/requests.json", params={**J, "service_request_id": "99999999999999999999"})
    assert huge.status_code == 200 and json.loads(huge.content) == []
    one = await outside.get("/requests/99999999999999999999.xml", params=J)
    assert one.status_code == 404 and xml_errors(one)[0][0] == "404"
    late = await outside.get("/requests.json", params={**J, "start_date": "9999-12-31T00:00:00Z"})
    assert late.status_code == 200 and json.loads(late.content) == []
    early = await outside.get("/requests.json", params={**J, "end_date": "0001-01-01T00:00:00Z"})
    assert early.status_code == 200 and json.loads(early.content) == []


def test_invalid_input_and_unexpected_failures_become_the_spec_error_list():
    invalid = answer_error("xml", ValidationException(extra=[{"key": "lat", "message": "not a number"}]))
    assert invalid.status_code == 400
    assert ET.fromstring(invalid.content).findtext("error/description") == "Invalid input: lat: not a number"
    crashed = answer_error("json", RuntimeError("boom"))
    assert crashed.status_code == 500
    assert json.loads(crashed.content)[0]["code"] == 500 and "boom" not in crashed.content.decode()
