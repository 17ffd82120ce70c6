"""The demo's moderation looks like a platform in use: every demo report has its moderation record (so Anna finds
hers on her account page, with its state), and a moderator finds a handful of items waiting, not every piece of
content the demo has; one of them is a defect photo the moderator can open."""

from backend.demo import load_demo
from defects.tables import Report
from moderation.demo import WAITING_PER_KIND
from moderation.tables import Decision


async def test_anna_finds_her_demo_reports_among_her_contributions_with_their_state(db, client):
    context = await load_demo(hashing="fast-insecure")
    assert context is not None
    hers = await Report.select(Report.id).where(Report.author == context.users["anna@example.org"])
    assert len(hers) >= 5

    await client.post("/api/v1/auth/login", json={"email": "anna@example.org", "password": "demo-anna-2026"})
    mine = (await client.get("/api/v1/me/contributions", params={"limit": 100})).json()["items"]
    reports = [m for m in mine if m["content_type"] == "defect_report"]
    assert sorted(m["content_id"] for m in reports) == sorted(r["id"] for r in hers)
    assert {m["state"] for m in reports} == {"public"}
    assert all(m["link"] and f"/reports/{m['content_id']}" in m["link"] for m in reports)
    assert [m["content_type"] for m in mine].count("photo") == 1  # her pothole photo
    # Dated to the day the report was filed, not to the moment the demo was loaded.
    assert len({m["created_at"][:10] for m in reports}) > 1


async def test_a_moderator_finds_a_handful_of_mixed_items_waiting_in_the_demo_queue(db, client):
    context = await load_demo(hashing="fast-insecure")
    assert context is not None

    await client.post(
        "/api/v1/auth/login", json={"email": "moderation@taunusstein.example", "password": "demo-moderation-2026"}
    )
    queue = (await client.get("/api/v1/municipalities/taunusstein/moderation/queue", params={"limit": 100})).json()
    waiting = queue["items"]
    assert 5 <= len(waiting) <= 8
    kinds = [item["content_type"] for item in waiting]
    assert {kind: kinds.count(kind) for kind in set(kinds)} == WAITING_PER_KIND
    assert queue["next_cursor"] is None
    assert [item["queued_at"] for item in waiting] == sorted(item["queued_at"] for item in waiting)  # oldest first

    photo = next(item for item in waiting if item["content_type"] == "photo")
    assert photo["has_photo"]
    shown = await client.get(photo["preview_url"])
    assert shown.status_code == 200
    assert shown.headers["content-type"] == "image/jpeg"
    assert shown.content[:2] == b"\xff\xd8"

    # The rest was decided by the demo's moderator: the decisions are on record.
    assert await Decision.count().where(Decision.moderator == context.users["moderation@taunusstein.example"]) >= 25
