"""The resident's word after "erledigt" (issue 13 §3): the fix question, reopening, updates, Open311's history."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from backend.wiring import content_registry
from defects.tables import FixQuestion, Report, StatusChange
from geo import clock
from geo.roles import Role
from geo.services import create_from_ags
from tests.defects.factories import confirmed_report, file, pothole, staff_of, town_with_categories
from tests.factories import logged_in, person
from tests.support.mailbox import body_of
from tests.support.moderation import post_moderated

SLUG = "taunusstein"
M = f"/api/v1/municipalities/{SLUG}"
STAFF = "tiefbau.staff@taunusstein.example"
J = {"jurisdiction_id": SLUG}


@pytest.fixture
async def town(taunusstein):
    await post_moderated(taunusstein)
    town = await town_with_categories(taunusstein)
    await staff_of(town)
    return town


async def close_as_fixed(client, report_id: int) -> None:
    await logged_in(client, STAFF)
    done = await client.post(f"{M}/reports/{report_id}/status", json={"status": "erledigt", "note": "Geflickt."})
    assert done.status_code == 200, done.text
    await client.post("/api/v1/auth/logout")


def answer_link(body: str, answer: str) -> tuple[str, str]:
    """(token, answer) of the one-click link for an answer in the fix question mail."""
    match = re.search(rf"/check/([A-Za-z0-9_-]+)/{answer}\b", body)
    assert match, body
    return match.group(1), answer


async def fixed_report_and_token(client, mailbox) -> tuple[int, str, str]:
    report_id = await confirmed_report(client, SLUG, mailbox)
    await close_as_fixed(client, report_id)
    mail = await mailbox.wait_for("melder@example.org", "Ist der Mangel behoben?")
    body = body_of(mail)
    token, _ = answer_link(body, "nein")
    assert answer_link(body, "ja")[0] == token and answer_link(body, "teilweise")[0] == token
    return report_id, token, body


async def test_reporter_answers_nein_and_reopens_and_the_department_gets_it_back_marked(client, town, mailbox):
    report_id, token, _ = await fixed_report_and_token(client, mailbox)

    answered = await client.post(
        f"{M}/reports/fix-check", json={"token": token, "answer": "nein", "comment": "Noch da"}
    )
    assert answered.status_code == 200, answered.text
    assert answered.json()["answer"] == "nein" and answered.json()["may_reopen"] is True

    reopened = await client.post(
        f"{M}/reports/{report_id}/reopen", json={"reason": "Das Loch ist wieder offen.", "token": token}
    )
    assert reopened.status_code == 200, reopened.text
    detail = reopened.json()
    assert detail["status"] == "in_bearbeitung" and detail["reopened_at"] is not None
    assert detail["history"][-1]["note"] == "Das Loch ist wieder offen."
    assert detail["history"][-1]["by"].startswith("Wieder geöffnet")

    mail = await mailbox.wait_for("tiefbau@taunusstein.example", "Wieder geöffnet")
    assert "Das Loch ist wieder offen." in body_of(mail) and f"#{report_id}" in body_of(mail)

    await logged_in(client, STAFF)
    queue = (await client.get(f"{M}/defect-queue")).json()["items"]
    assert [(i["id"], i["reopened"]) for i in queue] == [(report_id, True)]

    # the same link cannot reopen twice: the report is open now
    again = await client.post(f"{M}/reports/{report_id}/reopen", json={"reason": "x", "token": token})
    assert again.status_code == 409 and again.json()["errors"][0]["field"] == "status"


async def test_reopening_ends_after_the_period(client, town, mailbox):
    report_id, token, _ = await fixed_report_and_token(client, mailbox)
    await StatusChange.update({StatusChange.created_at: clock.now() - timedelta(days=31)}).where(
        (StatusChange.report == report_id) & (StatusChange.to_status == "erledigt")
    )
    state = (await client.post(f"{M}/reports/fix-check", json={"token": token, "answer": "nein"})).json()
    assert state["may_reopen"] is False
    late = await client.post(f"{M}/reports/{report_id}/reopen", json={"reason": "Noch kaputt", "token": token})
    assert late.status_code == 409
    problem = late.json()
    assert problem["errors"][0]["field"] == "status" and "30" in problem["detail"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"token": "nope", "answer": "ja"}, "token"),
        ({"token": "TOKEN", "answer": "vielleicht"}, "answer"),
        ({"token": "TOKEN", "answer": "ja", "extra": 1}, "extra"),
    ],
)
async def test_bad_answers_are_problem_details_naming_the_field(client, town, mailbox, body, field):
    _, token, _ = await fixed_report_and_token(client, mailbox)
    body = {k: (token if v == "TOKEN" else v) for k, v in body.items()}
    response = await client.post(f"{M}/reports/fix-check", json=body, headers={"Accept-Language": "en"})
    assert response.status_code == 422, response.text
    assert field in response.json()["errors"][0]["field"]


async def test_who_may_reopen(client, town, mailbox):
    """Not anonymous without the token, not a stranger, not staff of another department's report as such;
    a follower may; a token of another report does not work; an empty reason is refused."""
    report_id, token, _ = await fixed_report_and_token(client, mailbox)
    url = f"{M}/reports/{report_id}/reopen"
    anonymous = await client.post(url, json={"reason": "Noch kaputt"})
    assert anonymous.status_code in (401, 403)

    await person("stranger@example.org")
    await logged_in(client, "stranger@example.org")
    stranger = await client.post(url, json={"reason": "Noch kaputt"})
    assert stranger.status_code == 403 and stranger.json()["errors"][0]["field"] == "id"

    empty = await client.post(url, json={"reason": "", "token": token})
    assert empty.status_code == 422 and "reason" in empty.json()["errors"][0]["field"]

    await client.post("/api/v1/auth/logout")
    other_id = await confirmed_report(client, SLUG, mailbox, description="Zweites Loch")
    await logged_in(client, "stranger@example.org")
    foreign = await client.post(f"{M}/reports/{other_id}/reopen", json={"reason": "x", "token": token})
    assert foreign.status_code == 422 and foreign.json()["errors"][0]["field"] == "token"

    await client.post(f"{M}/reports/{report_id}/follow")
    follower = await client.post(url, json={"reason": "Ich wohne hier, es ist nicht behoben."})
    assert follower.status_code == 200, follower.text
    assert follower.json()["history"][-1]["by"] == "Wieder geöffnet von Betroffenen"


async def test_the_token_does_not_work_in_another_municipality(client, town, mailbox):
    report_id, token, _ = await fixed_report_and_token(client, mailbox)
    await create_from_ags("06414000")  # Wiesbaden
    other = "/api/v1/municipalities/wiesbaden"
    answered = await client.post(f"{other}/reports/fix-check", json={"token": token, "answer": "ja"})
    assert answered.status_code == 422 and answered.json()["errors"][0]["field"] == "token"
    reopened = await client.post(f"{other}/reports/{report_id}/reopen", json={"reason": "x", "token": token})
    assert reopened.status_code == 404


async def test_the_answers_feed_the_dashboard_per_department(client, town, mailbox):
    _, token, _ = await fixed_report_and_token(client, mailbox)
    assert (await client.post(f"{M}/reports/fix-check", json={"token": token, "answer": "ja"})).status_code == 200
    await person("admin@taunusstein.example", roles=(Role.ADMIN,), municipality=town.municipality)
    await logged_in(client, "admin@taunusstein.example")
    figures = (await client.get(f"{M}/statistics")).json()["defects"]["fix_confirmations"]
    assert figures == [
        {
            "name": "Tiefbau und Verkehr",
            "asked": 1,
            "answered": 1,
            "fixed": 1,
            "partly": 0,
            "not_fixed": 0,
            "share_confirmed": 1.0,
        }
    ]
    row = await FixQuestion.select(FixQuestion.answer, FixQuestion.answered_at).first()
    assert row["answer"] == "ja" and row["answered_at"] is not None


async def test_open311_carries_the_full_public_history(client, town, mailbox):
    report_id, token, _ = await fixed_report_and_token(client, mailbox)
    await client.post(f"{M}/reports/{report_id}/reopen", json={"reason": "Wieder offen.", "token": token})
    request = (await client.get(f"/open311/v2/requests/{report_id}.json", params=J)).json()[0]
    notes = request["extended_attributes"]["notes"]
    assert [n["detailed_status"] for n in notes] == ["eingegangen", "erledigt", "in_bearbeitung"]
    assert notes[1]["status"] == "closed" and "Geflickt." in notes[1]["status_notes"]
    assert request["status_notes"] == notes[-1]["status_notes"] and "Wieder offen." in request["status_notes"]
    xml = (await client.get(f"/open311/v2/requests/{report_id}.xml", params=J)).text
    assert "<extended_attributes><notes><note>" in xml


async def test_open311_shows_the_reverse_looked_up_address_and_only_the_public_history(client, town, mailbox):
    """Issue 13, done when: Open311 shows the address found by reverse lookup and the full public history, in
    JSON and XML, without internal notes or the reporter's contact."""
    await person("admin@taunusstein.example", roles=(Role.ADMIN,), municipality=town.municipality)
    await logged_in(client, "admin@taunusstein.example")
    register = "street,housenumber,postcode,place,lat,lon\nAarstraße,150,65232,Hahn,50.1586,8.1781\n"
    imported = await client.post(
        f"{M}/admin/addresses",
        files={"data": ("adressen.csv", register.encode(), "text/csv")},
        data={"licence": "dl-de/by-2-0", "attribution": "Stadt Taunusstein"},
    )
    assert imported.status_code == 200, imported.text
    await client.post("/api/v1/auth/logout")
    report_id = await confirmed_report(client, SLUG, mailbox, address="", lat=50.15862, lon=8.1781)
    await logged_in(client, STAFF)
    secret = "Intern: Kolonne 2, Anwohner ruft täglich an"
    assert (await client.post(f"{M}/reports/{report_id}/internal-notes", json={"text": secret})).status_code == 201
    moved = await client.post(f"{M}/reports/{report_id}/status", json={"status": "in_bearbeitung", "note": "Bestellt."})
    assert moved.status_code == 200, moved.text
    await client.post("/api/v1/auth/logout")
    await close_as_fixed(client, report_id)

    request = (await client.get(f"/open311/v2/requests/{report_id}.json", params=J)).json()[0]
    assert request["address"] == "Aarstraße 150, 65232 Hahn"
    notes = request["extended_attributes"]["notes"]
    assert [n["detailed_status"] for n in notes] == ["eingegangen", "in_bearbeitung", "erledigt"]
    assert "Bestellt." in notes[1]["status_notes"] and "Geflickt." in notes[2]["status_notes"]
    assert request["status_notes"] == notes[-1]["status_notes"]
    xml = (await client.get(f"/open311/v2/requests/{report_id}.xml", params=J)).text
    assert "<address>Aarstraße 150, 65232 Hahn</address>" in xml
    assert xml.count("<note>") == 3 and "Bestellt." in xml and "Geflickt." in xml
    listed = (await client.get("/open311/v2/requests.json", params=J)).json()
    assert [r["address"] for r in listed if r["service_request_id"] == str(report_id)] == [request["address"]]
    for text in (str(request), xml, str(listed)):
        for private in (secret, "melder@example.org", "Mira Melder", "06128 12345"):
            assert private not in text


# --- updates ------------------------------------------------------------------------------------------------


async def anna_files(client) -> int:
    await person("anna@example.org", name="Anna")
    await logged_in(client, "anna@example.org")
    response = await file(client, SLUG, pothole(email=None))
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


async def test_reporter_and_affected_add_updates_others_may_not(client, town, mailbox):
    report_id = await anna_files(client)
    url = f"{M}/reports/{report_id}/updates"
    mine = await client.post(url, json={"text": "Es ist tiefer geworden."})
    assert mine.status_code == 201, mine.text
    assert mine.json()["visibility"] == "public" and mine.json()["by_reporter"] is True

    await person("ben@example.org", name="Ben")
    await logged_in(client, "ben@example.org")
    assert (await client.post(url, json={"text": "Ich auch"})).status_code == 403
    assert (await client.post(f"{M}/reports/{report_id}/affected")).status_code == 200
    ben = await client.post(url, json={"text": "Mein Fahrrad ist dort gestürzt."})
    assert ben.status_code == 201 and ben.json()["by_reporter"] is False
    # Anna follows as reporter: she hears of Ben's update
    told = await mailbox.wait_for("anna@example.org", "Neuigkeiten")
    assert "Mein Fahrrad ist dort gestürzt." in body_of(told)

    empty = await client.post(url, json={"text": ""})
    assert empty.status_code == 422 and "text" in empty.json()["errors"][0]["field"]

    await client.post("/api/v1/auth/logout")
    assert (await client.post(url, json={"text": "anonym"})).status_code == 401
    listed = (await client.get(url)).json()
    assert [u["text"] for u in listed] == ["Es ist tiefer geworden.", "Mein Fahrrad ist dort gestürzt."]

    await create_from_ags("06414000")
    assert (await client.get(f"/api/v1/municipalities/wiesbaden/reports/{report_id}/updates")).status_code == 404


async def test_no_updates_to_a_closed_report(client, town, mailbox):
    report_id = await anna_files(client)
    await close_as_fixed(client, report_id)
    await logged_in(client, "anna@example.org")
    closed = await client.post(f"{M}/reports/{report_id}/updates", json={"text": "Danke!"})
    assert closed.status_code == 409 and closed.json()["errors"][0]["field"] == "id"
    # an account holder is asked too, and may reopen as the reporter without a token
    await mailbox.wait_for("anna@example.org", "Ist der Mangel behoben?")
    reopened = await client.post(f"{M}/reports/{report_id}/reopen", json={"reason": "Doch nicht."})
    assert reopened.status_code == 200 and reopened.json()["history"][-1]["by"] == (
        "Wieder geöffnet von der meldenden Person"
    )


async def test_updates_are_moderated_exported_and_erased(client, taunusstein, mailbox):
    from tests.support.moderation import decide

    town = await town_with_categories(taunusstein)  # pre-moderation: everything waits
    await staff_of(town)
    await person("anna@example.org", name="Anna")
    await logged_in(client, "anna@example.org")
    report_id = int((await file(client, SLUG, pothole(email=None))).json()["id"])
    await decide("defect_report", report_id)
    update = await client.post(f"{M}/reports/{report_id}/updates", json={"text": "Wartet auf Moderation"})
    assert update.status_code == 201 and update.json()["visibility"] == "pending"
    await client.post("/api/v1/auth/logout")
    assert (await client.get(f"{M}/reports/{report_id}/updates")).json() == []
    await decide("defect_update", update.json()["id"])
    assert [u["text"] for u in (await client.get(f"{M}/reports/{report_id}/updates")).json()] == [
        "Wartet auf Moderation"
    ]

    registry = content_registry()
    user_id = (await Report.select(Report.author).where(Report.id == report_id).first())["author"]
    exported = await registry.exporters()["defect_update"](user_id)
    assert [u["text"] for u in exported] == ["Wartet auf Moderation"]
    for erase in registry.erasers():
        await erase(user_id)
    assert await registry.exporters()["defect_update"](user_id) == []
