"""The audit log's screen filters: who, what, which type of content, from and to; the CSV follows the same filters."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest

from geo.roles import Role
from moderation import services as moderation
from moderation.tables import AuditEntry
from tests.factories import logged_in, person
from tests.moderation.conftest import ADMIN, MODERATOR, OTHER_MODERATOR, RESIDENT
from tests.moderation.factories import recording

pytestmark = pytest.mark.usefixtures("delivered_mail")


async def _history(client, scene):
    """A note approved by the moderator, a comment rejected by the admin, and the admin's policy change."""
    comments = recording("comment")
    note = await scene.notes.create(scene.municipality.id, scene.resident, "Eine Notiz zur Straße")
    comment = await comments.create(scene.municipality.id, scene.resident, "Ein Kommentar zum Platz")
    note_item = (await moderation.state_of("note", note)).item_id
    comment_item = (await moderation.state_of("comment", comment)).item_id
    await logged_in(client, MODERATOR)
    assert (await client.post(scene.url(f"/items/{note_item}/decision"), json={"action": "approve"})).status_code == 200
    await logged_in(client, ADMIN)
    decision = {"action": "reject", "reason": "spam"}
    assert (await client.post(scene.url(f"/items/{comment_item}/decision"), json=decision)).status_code == 200
    assert (await client.patch(scene.url("/policies"), json={"flag_threshold": 5})).status_code == 200
    return note_item, comment_item


async def test_admins_filter_by_who_type_and_action_and_see_the_type(client, scene):
    _, comment_item = await _history(client, scene)
    by_moderator = (await client.get(scene.url("/audit"), params={"actor": scene.moderator})).json()["items"]
    assert [(e["action"], e["actor"]) for e in by_moderator] == [("approve", "Mo Derator")]
    comments = (await client.get(scene.url("/audit"), params={"content_type": "comment"})).json()["items"]
    assert [e["action"] for e in comments] == ["reject", "submitted"]
    assert {e["content_type"] for e in comments} == {"comment"} and {e["item_id"] for e in comments} == {comment_item}
    settings = (await client.get(scene.url("/audit"), params={"action": "policies_changed"})).json()["items"]
    assert settings[0]["after"] == {"flag_threshold": 5} and settings[0]["content_type"] is None
    both = {"actor": scene.admin, "content_type": "note"}
    assert (await client.get(scene.url("/audit"), params=both)).json()["items"] == []


async def test_dates_bound_the_log_and_the_csv_follows_every_filter(client, scene):
    await _history(client, scene)
    old = await AuditEntry.select(AuditEntry.id).order_by(AuditEntry.id).first()
    last_year = datetime.now(UTC) - timedelta(days=400)
    await AuditEntry.update({AuditEntry.created_at: last_year}).where(AuditEntry.id == old["id"])
    window = {
        "since": (last_year - timedelta(days=1)).isoformat(),
        "until": (last_year + timedelta(days=1)).isoformat(),
    }
    dated = (await client.get(scene.url("/audit"), params=window)).json()["items"]
    assert [e["id"] for e in dated] == [old["id"]]
    recent = {"since": (datetime.now(UTC) - timedelta(days=1)).isoformat()}
    assert old["id"] not in [e["id"] for e in (await client.get(scene.url("/audit"), params=recent)).json()["items"]]

    response = await client.get(scene.url("/audit.csv"), params={"content_type": "comment", "action": "reject"})
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [(r["action"], r["actor"]) for r in rows] == [("reject", "Ad Min")]
    rows = list(csv.DictReader(io.StringIO((await client.get(scene.url("/audit.csv"), params=window)).text)))
    assert [int(r["id"]) for r in rows] == [old["id"]]


async def test_a_too_long_filter_is_a_422_naming_it(client, scene):
    await logged_in(client, ADMIN)
    response = await client.get(scene.url("/audit"), params={"content_type": "x" * 40})
    assert response.status_code == 422
    assert "content_type" in response.text
    response = await client.get(scene.url("/audit.csv"), params={"since": "gestern"})
    assert response.status_code == 422 and "since" in response.text


async def test_the_who_filter_lists_everyone_who_acted_by_name(client, scene):
    await _history(client, scene)
    actors = (await client.get(scene.url("/audit/actors"))).json()
    # The resident acted too: submitting is an entry of the log.
    assert actors == [
        {"id": scene.admin, "name": "Ad Min"},
        {"id": scene.resident, "name": "Anna"},
        {"id": scene.moderator, "name": "Mo Derator"},
    ]


@pytest.mark.parametrize(
    "who, status",
    [
        (None, 401),
        (RESIDENT, 403),
        ("staff", 403),
        (MODERATOR, 403),
        ("council", 403),
        (OTHER_MODERATOR, 403),
        ("other-admin", 403),
        (ADMIN, 200),
    ],
)
async def test_only_the_municipalitys_admins_read_who_acted(client, scene, who, status):
    if who == "staff":
        await person("staff@taunusstein.example", roles=(Role.STAFF,), municipality=scene.municipality)
        who = "staff@taunusstein.example"
    elif who == "council":
        await person("rat@taunusstein.example", roles=(Role.COUNCIL,), municipality=scene.municipality)
        who = "rat@taunusstein.example"
    elif who == "other-admin":
        await person("admin@wiesbaden.example", roles=(Role.ADMIN,), municipality=scene.other)
        who = "admin@wiesbaden.example"
    if who:
        await logged_in(client, who)
    response = await client.get(scene.url("/audit/actors"))
    assert response.status_code == status, response.text
    for path in ("/audit", "/audit.csv"):
        assert (await client.get(scene.url(path), params={"content_type": "note"})).status_code == status
