"""What three independent Open311 clients needed: a POST by address alone, reading back what they posted, and
repeated parameters. Real HTTP against the served app; every answer parsed with a real JSON or XML parser."""
# ruff: noqa: S314  (the tests parse our own answers)

import json
import xml.etree.ElementTree as ET

from defects.schemas import CategoryCreate
from defects.services.categories import create_category
from defects.tables import Report
from geo.tables import District
from tests.backend.open311.conftest import J, form
from tests.defects.factories import stored_report
from tests.factories import INSIDE


async def test_an_app_posts_by_address_alone_without_e_mail_and_staff_get_it_to_place(outside, town, api_key):
    response = await outside.post(
        "/requests.xml",
        data=form(
            api_key, address_string="Aarstraße 12, Hahn", description="Schlagloch", **{"attribute[size]": "large"}
        ),
    )
    assert response.status_code == 201, response.text
    request = ET.fromstring(response.content).find("request")
    request_id = int(request.findtext("service_request_id"))
    assert request.findtext("token")
    row = (
        await Report.select(Report.placed, Report.confirmed_at, Report.district, Report.address)
        .where(Report.id == request_id)
        .first()
    )
    hahn = await District.select(District.id).where(District.name == "Hahn").first()
    assert row["placed"] is False and row["confirmed_at"] is not None  # counts at once: no address to confirm
    assert row["district"] == hahn["id"] and row["address"] == "Aarstraße 12, Hahn"


async def test_an_app_posts_by_address_id_alone(outside, town, api_key):
    response = await outside.post(
        "/requests.json", data=form(api_key, address_id="4711", **{"attribute[size]": "small"})
    )
    assert response.status_code == 201, response.text
    request_id = int(json.loads(response.content)[0]["service_request_id"])
    row = await Report.select(Report.placed, Report.address).where(Report.id == request_id).first()
    assert row == {"placed": False, "address": "Adress-ID 4711"}


async def test_the_app_reads_back_its_pending_request_with_its_key_and_by_token(outside, town, api_key, mailbox):
    posted = await outside.post(
        "/requests.json",
        data=form(
            api_key,
            lat=str(INSIDE["lat"]),
            long=str(INSIDE["lon"]),
            email="app@example.org",
            **{"attribute[size]": "large"},
        ),
    )
    assert posted.status_code == 201, posted.text
    answer = json.loads(posted.content)[0]
    request_id, token = answer["service_request_id"], answer["token"]

    # Not public yet (the e-mailed link is not opened): strangers see nothing ...
    assert (await outside.get(f"/requests/{request_id}.json", params=J)).status_code == 404
    # ... the app that sent it sees it, marked pending.
    mine = await outside.get(f"/requests/{request_id}.xml", params={**J, "api_key": api_key})
    assert mine.status_code == 200, mine.text
    request = ET.fromstring(mine.content).find("request")
    assert request.findtext("status") == "open" and "pending" in request.findtext("status_notes")
    listed = json.loads((await outside.get("/requests.json", params={**J, "api_key": api_key})).content)
    assert [r["service_request_id"] for r in listed] == [request_id]
    # The spec's token leads to the id, in both formats.
    by_token = ET.fromstring((await outside.get(f"/tokens/{token}.xml", params=J)).content)
    assert by_token.findtext("request/service_request_id") == request_id
    assert by_token.findtext("request/token") == token
    assert json.loads((await outside.get(f"/tokens/{token}.json", params=J)).content)[0]["service_request_id"] == (
        request_id
    )
    assert (await outside.get("/tokens/forged.json", params=J)).status_code == 404


async def test_repeated_parameters_are_honoured_as_lists(outside, town):
    fresh = await stored_report(town, INSIDE["lat"], INSIDE["lon"])
    fixed = await stored_report(town, INSIDE["lat"], INSIDE["lon"], category="beleuchtung", status="erledigt")

    async def ids(query: str) -> set[int]:
        response = await outside.get(f"/requests.json?jurisdiction_id=taunusstein&{query}")
        assert response.status_code == 200, response.text
        return {int(r["service_request_id"]) for r in json.loads(response.content)}

    assert await ids("status=open&status=closed") == {fresh, fixed}
    assert await ids("status=open,closed") == {fresh, fixed}
    assert await ids("status=closed") == {fixed}
    assert await ids("service_code=strassen&service_code=beleuchtung") == {fresh, fixed}
    assert await ids(f"service_request_id={fresh}&service_request_id={fixed}") == {fresh, fixed}
    assert await ids(f"service_request_id={fresh},{fixed}") == {fresh, fixed}


async def test_a_multivalue_attribute_keeps_every_value_and_unknown_attributes_are_ignored(outside, town, api_key):
    await create_category(
        town.municipality.id,
        CategoryCreate(
            code="gruen",
            name_de="Grünflächen",
            name_en="Green spaces",
            questions=[
                {
                    "code": "issues",
                    "datatype": "multivaluelist",
                    "label_de": "Was ist los?",
                    "label_en": "What is wrong?",
                    "values": [{"key": k, "name_de": k, "name_en": k} for k in ("muell", "hecke", "bank")],
                }
            ],
        ),
    )
    place = {"lat": str(INSIDE["lat"]), "long": str(INSIDE["lon"])}
    repeated = await outside.post(
        "/requests.json",
        data=form(
            api_key,
            service_code="gruen",
            **place,
            **{"attribute[issues]": ["muell", "hecke"], "attribute[uprn]": "100023336956"},
        ),
    )
    assert repeated.status_code == 201, repeated.text
    bracketed = await outside.post(
        "/requests.json",
        data=form(api_key, service_code="gruen", **place, **{"attribute[issues][]": ["hecke", "bank"]}),
    )
    assert bracketed.status_code == 201, bracketed.text
    answers = [
        json.loads(r["answers"]) if isinstance(r["answers"], str) else r["answers"]
        for r in await Report.select(Report.answers).order_by(Report.id)
    ]
    assert answers == [{"issues": ["muell", "hecke"]}, {"issues": ["hecke", "bank"]}]


async def test_every_problem_of_a_post_is_answered_at_once(outside, town, api_key):
    response = await outside.post(
        "/requests.xml",
        data=form(api_key, lat="norden", long="8.1", email="kein-at-zeichen", **{"attribute[size]": "riesig"}),
    )
    assert response.status_code == 400
    errors = ET.fromstring(response.content)
    assert errors.tag == "errors"
    described = [e.findtext("description") for e in errors.findall("error")]
    assert [e.findtext("code") for e in errors.findall("error")] == ["400"] * 3
    assert any("(lat)" in d for d in described) and any("(email)" in d for d in described)
    assert any("(attribute[size])" in d for d in described)
    assert await Report.count() == 0


async def test_an_unknown_service_code_on_post_is_a_404(outside, town, api_key):
    response = await outside.post(
        "/requests.json", data=form(api_key, service_code="unbekannt", address_string="Aarstraße 1")
    )
    assert response.status_code == 404
    assert json.loads(response.content)[0]["code"] == 404
    assert await Report.count() == 0
