"""Case work of staff: the filtered queue, assigning, priority, internal notes (staff only), handing on,
forwarding to an outside body, bulk status changes and "nachher" photos; each for every role and for another
municipality."""

from datetime import UTC, datetime, timedelta

import pytest

from defects.services.categories import get_category
from defects.tables import Report, RoutingRule
from geo.roles import Role
from geo.services import create_from_ags
from tests.defects.factories import confirmed_report, jpeg, staff_of, stored_report, town_with_categories
from tests.factories import INSIDE, logged_in, person
from tests.support.mailbox import body_of
from tests.support.moderation import post_moderated

SLUG = "taunusstein"
API = f"/api/v1/municipalities/{SLUG}"
QUEUE = f"{API}/defect-queue"
TIEFBAU = "tiefbau.staff@taunusstein.example"
COLLEAGUE = "tiefbau.two@taunusstein.example"


@pytest.fixture
async def town(taunusstein):
    await post_moderated(taunusstein)
    return await town_with_categories(taunusstein)


async def here(town, **kw):
    return await stored_report(town, INSIDE["lat"], INSIDE["lon"], **kw)


def ids(page):
    return [item["id"] for item in page.json()["items"]]


async def test_the_queue_filters_searches_sorts_and_pages_without_losing_a_report(client, town):
    me = await staff_of(town)
    old = datetime.now(UTC) - timedelta(days=30)
    late = await here(town, created_at=old)
    mine = await here(town)
    other = await here(town)
    done = await here(town, status="erledigt")
    await Report.update({Report.assignee: me, Report.description: "Gullydeckel klappert"}).where(Report.id == mine)
    await Report.update({Report.priority: "dringend"}).where(Report.id == other)
    await logged_in(client, TIEFBAU)

    assert ids(await client.get(QUEUE)) == [late, mine, other]
    assert ids(await client.get(QUEUE, params={"sort": "newest"})) == [other, mine, late]
    assert ids(await client.get(QUEUE, params={"sort": "priority"})) == [other, late, mine]
    assert ids(await client.get(QUEUE, params={"assigned": "me"})) == [mine]
    assert ids(await client.get(QUEUE, params={"assigned": "none"})) == [late, other]
    assert ids(await client.get(QUEUE, params={"overdue": "true"})) == [late]
    assert ids(await client.get(QUEUE, params={"q": f"#{other}"})) == [other]
    assert ids(await client.get(QUEUE, params={"q": "gullydeckel"})) == [mine]
    assert ids(await client.get(QUEUE, params={"category": "beleuchtung"})) == []
    assert ids(await client.get(QUEUE, params={"status": "erledigt"})) == [done]
    everything = {"status": ["eingegangen", "erledigt"], "sort": "overdue"}
    assert ids(await client.get(QUEUE, params=everything)) == [late, mine, other, done]

    # One row a page, through every segment of "overdue first" and "priority": each report once, none lost.
    for sort in ("overdue", "priority", "newest"):
        seen, cursor = [], None
        while True:
            page = await client.get(QUEUE, params={**everything, "sort": sort, "limit": 1, "cursor": cursor})
            assert page.status_code == 200, page.text
            seen += ids(page)
            cursor = page.json()["next_cursor"]
            if not cursor:
                break
        assert sorted(seen) == sorted([late, mine, other, done]), sort
    item = (await client.get(QUEUE, params={"assigned": "me"})).json()["items"][0]
    assert item["assignee_name"] == "Resi Dent" and item["lat"] == INSIDE["lat"] and item["priority"] == "normal"


async def test_bad_queue_parameters_are_problem_details_naming_the_parameter(client, town):
    await staff_of(town)
    await logged_in(client, TIEFBAU)
    for params in ({"sort": "loudest"}, {"assigned": "you"}, {"priority": "sofort"}, {"cursor": "x"}):
        bad = await client.get(QUEUE, params=params)
        assert bad.status_code in (400, 422), (params, bad.text)
        assert bad.headers["content-type"].startswith("application/problem+json"), params
    unknown = await client.get(QUEUE, params={"status": "kaputt"})
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "status"


async def test_assigning_to_a_person_of_the_department_and_back_to_nobody(client, town):
    await staff_of(town)
    colleague = await staff_of(town, COLLEAGUE)
    bauhof = await staff_of(town, "bauhof.staff@taunusstein.example", department="bauhof")
    report = await here(town)
    await logged_in(client, TIEFBAU)
    url = f"{API}/reports/{report}/assignee"
    names = [s["name"] for s in (await client.get(f"{API}/reports/{report}/casework")).json()["assignable"]]
    assert len(names) == 2
    given = await client.post(url, json={"user_id": colleague})
    assert given.status_code == 200 and given.json()["assignee_id"] == colleague
    refused = await client.post(url, json={"user_id": bauhof})
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "user_id"
    assert (await client.post(url, json={"user_id": None})).json()["assignee_id"] is None
    assert (await client.post(url, json={"user_id": "x"})).status_code == 422


async def test_who_may_do_case_work(client, town):
    report = await here(town)
    await staff_of(town)
    await staff_of(town, "bauhof.staff@taunusstein.example", department="bauhof")
    await person("admin@taunusstein.example", roles=(Role.ADMIN,), municipality=town.municipality)
    await person("resident@example.org", roles=(Role.RESIDENT,), municipality=town.municipality)
    elsewhere = await create_from_ags("06439008")
    await person("idstein@example.org", roles=(Role.STAFF, Role.ADMIN), municipality=elsewhere)
    calls = [
        ("get", f"{API}/reports/{report}/casework", None),
        ("post", f"{API}/reports/{report}/priority", {"priority": "hoch"}),
        ("post", f"{API}/reports/{report}/internal-notes", {"text": "Kolonne 2 fährt hin"}),
        ("post", f"{API}/reports/{report}/assignee", {"user_id": None}),
        ("post", f"{QUEUE}/status", {"ids": [report], "status": "in_pruefung"}),
    ]

    async def statuses():
        out = []
        for method, url, body in calls:
            response = await (client.get(url) if method == "get" else client.post(url, json=body))
            out.append(response.status_code)
        return out

    assert set(await statuses()) == {401}
    for email, expected in (
        ("resident@example.org", {403}),
        ("idstein@example.org", {403}),  # staff and admin, but of another municipality
        ("bauhof.staff@taunusstein.example", {403, 422}),  # another department (bulk: 422 naming ids[0])
        (TIEFBAU, {200, 201}),
        ("admin@taunusstein.example", {200, 201}),
    ):
        await logged_in(client, email)
        if email == "admin@taunusstein.example":
            calls[-1] = ("post", f"{QUEUE}/status", {"ids": [report], "status": "in_bearbeitung"})
        assert set(await statuses()) == expected, email
        await client.post("/api/v1/auth/logout")


async def test_internal_notes_stay_with_staff(client, town, mailbox):
    report = await confirmed_report(client, SLUG, mailbox)
    await staff_of(town)
    await logged_in(client, TIEFBAU)
    secret = "Anwohner ruft täglich an, Kolonne 2"
    added = await client.post(f"{API}/reports/{report}/internal-notes", json={"text": secret})
    assert added.status_code == 201 and added.json()["notes"][0]["text"] == secret
    empty = await client.post(f"{API}/reports/{report}/internal-notes", json={"text": "  "})
    assert empty.status_code == 422 and "text" in empty.text
    assert (await client.post(f"{API}/reports/{report}/priority", json={"priority": "dringend"})).status_code == 200
    await client.post(f"{API}/reports/{report}/status", json={"status": "erledigt", "note": "Repariert."})
    await client.post("/api/v1/auth/logout")
    public = await client.get(f"{API}/reports/{report}")
    open311 = await client.get(f"/open311/v2/requests/{report}.json", params={"jurisdiction_id": SLUG})
    feed = await client.get("/open311/v2/requests.json", params={"jurisdiction_id": SLUG})
    for answer in (public, open311, feed):
        assert answer.status_code == 200 and secret not in answer.text
    assert all(secret not in str(m) for m in mailbox.messages)
    # The reporter's own data export (the reporter of this one filed without an account): an account's export
    row = await Report.select(Report.reporter_email).where(Report.id == report).first()
    reporter = await person(row["reporter_email"], roles=(Role.RESIDENT,), municipality=town.municipality)
    await Report.update({Report.author: reporter}).where(Report.id == report)
    await logged_in(client, row["reporter_email"])
    export = await client.get("/api/v1/me/export")
    assert export.status_code == 200 and str(report) in export.text and secret not in export.text


async def test_handing_on_to_another_department_mails_it_with_the_note(client, town, mailbox):
    report = await here(town)
    await staff_of(town)
    await logged_in(client, TIEFBAU)
    url = f"{API}/reports/{report}/reassign"
    nothing = await client.post(url, json={"note": "bitte"})
    assert nothing.status_code == 422 and nothing.json()["errors"][0]["field"] == "department_id"
    assert (await client.post(url, json={"department_id": town.bauhof})).status_code == 422  # the note is needed
    moved = await client.post(url, json={"category": "beleuchtung", "note": "Das ist eine Laterne."})
    assert moved.status_code == 200, moved.text
    mail = await mailbox.wait_for("bauhof@taunusstein.example", f"#{report}")
    assert "Das ist eine Laterne." in body_of(mail) and "hidden@example.org" not in body_of(mail)
    row = await Report.select(Report.department, Report.category.code).where(Report.id == report).first()
    assert row["department"] == town.bauhof and row["category.code"] == "beleuchtung"
    # Now the Bauhof's: the Tiefbau no longer works on it.
    assert (await client.get(f"{API}/reports/{report}/casework")).status_code == 403


async def test_not_responsible_names_the_body_and_forwards_everything_it_needs(client, town, mailbox):
    category = await get_category(town.municipality.id, "strassen")
    await RoutingRule(
        category=category["id"],
        label="Landesstraßen",
        external_name="Hessen Mobil",
        external_email="strassen@mobil.hessen.example",
        external_phone="0611 366",
    ).save()
    report = await confirmed_report(client, SLUG, mailbox)
    await staff_of(town)
    await logged_in(client, TIEFBAU)
    work = (await client.get(f"{API}/reports/{report}/casework")).json()
    assert [b["name"] for b in work["outside_bodies"]] == ["Hessen Mobil"]
    unknown = await client.post(f"{API}/reports/{report}/forward", json={"body": "Mond"})
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "body"
    sent = await client.post(f"{API}/reports/{report}/forward", json={"body": "Hessen Mobil", "note": "L 3031"})
    assert sent.status_code == 200, sent.text
    mail = body_of(await mailbox.wait_for("strassen@mobil.hessen.example", f"#{report}"))
    assert "Schlagloch" in mail and "openstreetmap.org" in mail and "Aarstraße 12" in mail
    assert "melder@example.org" not in mail and "06128 12345" not in mail  # never the reporter's contact
    assert await mailbox.wait_for("melder@example.org", "Nicht zuständig")
    request = (await client.get(f"/open311/v2/requests/{report}.json", params={"jurisdiction_id": SLUG})).json()[0]
    assert request["agency_responsible"] == "Hessen Mobil" and request["status"] == "closed"


async def test_bulk_status_change_with_one_note_tells_each_reporter(client, town, mailbox):
    first = await confirmed_report(client, SLUG, mailbox, email="eins@example.org")
    second = await confirmed_report(client, SLUG, mailbox, email="zwei@example.org")
    lamp = await here(town, category="beleuchtung")
    await staff_of(town)
    await logged_in(client, TIEFBAU)
    refused = await client.post(f"{QUEUE}/status", json={"ids": [first, lamp], "status": "erledigt"})
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "ids[1]"
    assert (await Report.select(Report.status).where(Report.id == first).first())["status"] == "eingegangen"
    empty = await client.post(f"{QUEUE}/status", json={"ids": [], "status": "erledigt"})
    assert empty.status_code == 422
    done = await client.post(
        f"{QUEUE}/status",
        json={"ids": [first, second], "status": "erledigt", "note": "Die ganze Straße ist neu asphaltiert."},
    )
    assert done.status_code == 200 and done.json()["changed"] == [first, second]
    for email in ("eins@example.org", "zwei@example.org"):
        mail = await mailbox.wait_for(email, "Erledigt")
        assert "neu asphaltiert" in body_of(mail)
        assert len([m for m in mailbox.to(email) if "Erledigt" in str(m["Subject"])]) == 1


async def test_after_photos_are_moderated_and_shown_as_nachher(client, town, mailbox):
    report = await confirmed_report(client, SLUG, mailbox)
    await staff_of(town)
    await logged_in(client, TIEFBAU)
    url = f"{API}/reports/{report}/after-photos"
    none = await client.post(url, files=[("photos", ("leer.jpg", b"", "image/jpeg"))])
    assert none.status_code == 422 and none.json()["errors"][0]["field"] == "photos"
    bad = await client.post(url, files=[("photos", ("x.jpg", b"not a photo", "image/jpeg"))])
    assert bad.status_code in (400, 415, 422) and "photos[0]" in bad.text
    added = await client.post(url, files=[("photos", ("nachher.jpg", jpeg(), "image/jpeg"))])
    assert added.status_code == 201, added.text
    assert len(added.json()["after_photos"]) == 1
    detail = (await client.get(f"{API}/reports/{report}")).json()
    assert len(detail["after_photos"]) == 1 and len(detail["photos"]) == 0
    photo = await client.get(detail["after_photos"][0]["url"])
    assert photo.status_code == 200 and photo.headers["content-type"] == "image/jpeg"
    too_many = await client.post(url, files=[("photos", (f"{i}.jpg", jpeg(), "image/jpeg")) for i in range(3)])
    assert too_many.status_code == 422 and too_many.json()["errors"][0]["field"] == "photos"
    from moderation.tables import ModerationItem as Item  # each photo is in moderation like any photo

    assert await Item.count().where(Item.content_type == "photo") >= 1
