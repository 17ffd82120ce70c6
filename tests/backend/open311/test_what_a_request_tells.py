"""What a request tells an app: who is responsible ("nicht zuständig" names the body named), the latest public
note in `status_notes` (the spec's meaning: why it has its current status), and the whole history through
FixMyStreet's `servicerequestupdates` extension."""
# ruff: noqa: S314  (the tests parse our own answers)

import json
import xml.etree.ElementTree as ET

from tests.backend.open311.conftest import J
from tests.defects.factories import confirmed_report, staff_of
from tests.factories import logged_in
from tests.support.moderation import post_moderated

STATUS = "/api/v1/municipalities/taunusstein/reports/{}/status"


async def test_a_not_responsible_request_names_the_body_named_and_its_history_is_served(client, outside, town, mailbox):
    await post_moderated(town.municipality)
    report_id = await confirmed_report(client, "taunusstein", mailbox)
    await staff_of(town)
    await logged_in(client, "tiefbau.staff@taunusstein.example")
    checking = await client.post(STATUS.format(report_id), json={"status": "in_pruefung", "note": "Wir sehen nach."})
    assert checking.status_code == 200, checking.text
    handed_on = {"status": "nicht_zustaendig", "note": "Landesstraße L 3031", "responsible": "Hessen Mobil"}
    assert (await client.post(STATUS.format(report_id), json=handed_on)).status_code == 200

    request = json.loads((await outside.get(f"/requests/{report_id}.json", params=J)).content)[0]
    assert request["agency_responsible"] == "Hessen Mobil"
    assert request["status"] == "closed"
    assert request["status_notes"] == "Nicht zuständig: Landesstraße L 3031"

    updates = ET.fromstring((await outside.get("/servicerequestupdates.xml", params=J)).content)
    assert updates.tag == "service_requests_updates"
    steps = updates.findall("request_update")
    assert [u.findtext("service_request_id") for u in steps] == [str(report_id)] * 3
    assert [u.findtext("status") for u in steps] == ["OPEN", "OPEN", "CLOSED"]
    assert [u.findtext("description") for u in steps] == [
        "Eingegangen",
        "In Prüfung: Wir sehen nach.",
        "Nicht zuständig: Landesstraße L 3031",
    ]
