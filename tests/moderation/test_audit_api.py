"""The audit log: every action, filterable and exportable as CSV by admins; item history for moderators."""

import csv
import io
import json

import pytest

from moderation import services as moderation
from tests.factories import logged_in
from tests.moderation.conftest import ADMIN, MODERATOR

pytestmark = pytest.mark.usefixtures("delivered_mail")


async def _decided(client, scene):
    content = await scene.notes.create(scene.municipality.id, scene.resident, "Ruft an: 06128 123456")
    item = (await moderation.state_of("note", content)).item_id
    await logged_in(client, MODERATOR)
    await client.post(
        scene.url(f"/items/{item}/decision"), json={"action": "redact", "redacted_text": "Ruft an: [entfernt]"}
    )
    await client.post(scene.url(f"/items/{item}/decision"), json={"action": "approve"})
    return item


async def test_admins_filter_the_log_by_action_and_item(client, scene):
    item = await _decided(client, scene)
    await logged_in(client, ADMIN)
    everything = (await client.get(scene.url("/audit"))).json()["items"]
    assert [e["action"] for e in everything] == ["approve", "redact", "submitted"]
    approvals = (await client.get(scene.url("/audit"), params={"action": "approve"})).json()["items"]
    assert len(approvals) == 1 and approvals[0]["actor"] == "Mo Derator" and approvals[0]["item_id"] == item
    assert approvals[0]["before"]["visibility"] == "pending" and approvals[0]["after"]["visibility"] == "public"
    first = (await client.get(scene.url("/audit"), params={"limit": 1})).json()
    assert [e["action"] for e in first["items"]] == ["approve"]
    page = (await client.get(scene.url("/audit"), params={"limit": 1, "cursor": first["next_cursor"]})).json()
    assert [e["action"] for e in page["items"]] == ["redact"]
    last = (await client.get(scene.url("/audit"), params={"limit": 2, "cursor": page["next_cursor"]})).json()
    assert [e["action"] for e in last["items"]] == ["submitted"] and last["next_cursor"] is None


async def test_admins_export_the_log_as_csv_with_before_and_after(client, scene):
    await _decided(client, scene)
    await logged_in(client, ADMIN)
    response = await client.get(scene.url("/audit.csv"), params={"action": "redact"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 1 and rows[0]["action"] == "redact" and rows[0]["actor"] == "Mo Derator"
    assert json.loads(rows[0]["before"])["text"] == "Ruft an: 06128 123456"


async def test_moderators_read_an_items_history_but_not_the_whole_log(client, scene):
    item = await _decided(client, scene)
    detail = (await client.get(scene.url(f"/items/{item}"))).json()
    assert [h["action"] for h in detail["history"]] == ["submitted", "redact", "approve"]
    assert (await client.get(scene.url("/audit"))).status_code == 403
    assert (await client.get(scene.url("/audit.csv"))).status_code == 403


async def test_transparency_counts_decisions_by_reason_per_consultation(client, scene):
    for index in range(3):
        await scene.notes.create(scene.municipality.id, scene.resident, f"Idee {index}", context_id=5)
    await scene.notes.create(scene.municipality.id, scene.resident, "Idee woanders", context_id=6)
    await logged_in(client, MODERATOR)
    items = (await client.get(scene.url("/queue"))).json()["items"]
    ids = [i["id"] for i in items if i["context_id"] == 5]
    await client.post(scene.url("/decisions"), json={"item_ids": ids[:2], "action": "reject", "reason": "spam"})
    await client.post(scene.url("/decisions"), json={"item_ids": [*ids[2:], items[-1]["id"]], "action": "approve"})
    rows = (await client.get(scene.url("/transparency"), params={"context": 5})).json()
    assert sorted((r["action"], r["reason"], r["count"]) for r in rows) == [("approve", "", 1), ("reject", "spam", 2)]
    assert (await client.get(scene.url("/transparency"), params={"since": "2099-01-01T00:00:00Z"})).json() == []


async def test_the_csv_never_hands_a_spreadsheet_a_formula(client, scene):
    from geo.roles import Role
    from tests.factories import person

    await person(
        "formel@example.org", roles=(Role.MODERATOR,), municipality=scene.municipality, name='=HYPERLINK("http://evil")'
    )
    content = await scene.notes.create(scene.municipality.id, scene.resident, "Ein Vorschlag für die Bank")
    item = (await moderation.state_of("note", content)).item_id
    await logged_in(client, "formel@example.org")
    await client.post(scene.url(f"/items/{item}/decision"), json={"action": "approve"})
    await logged_in(client, ADMIN)
    rows = list(csv.DictReader(io.StringIO((await client.get(scene.url("/audit.csv"))).text)))
    assert rows[-1]["actor"] == '\'=HYPERLINK("http://evil")'
