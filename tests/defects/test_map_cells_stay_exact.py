"""The map's cell counts stay equal to a fresh GROUP BY over the reports after random writes through the real
services: filing (online, on behalf, Open311 with and without a point), confirming, placing, status changes one
by one and in bulk, moderation's decisions, another category, new districts, anonymisation and the purge.
And the clusters answered from them are the clusters the GROUP BY over the reports answers."""

import random
from datetime import UTC, datetime, timedelta

import pytest

from defects import mapcells
from defects.mapcells_sql import LEVELS
from defects.privacy import erase_reports
from defects.services.apikeys import issue_key
from defects.services.cleanup import purge_unconfirmed
from defects.services.districts import reassign_report_districts
from defects.tables import MapCell, Report
from defects.workflow import Status, may_move
from geo.roles import Role
from media.photos import PhotoStore
from tests.defects.factories import multipart, pothole, token_from, town_with_categories
from tests.factories import INSIDE, logged_in, person
from tests.support.mailbox import first_link
from tests.support.moderation import decide, post_moderated

SLUG = "taunusstein"
API = f"/api/v1/municipalities/{SLUG}"
ADMIN = "admin@taunusstein.example"


@pytest.fixture
async def town(taunusstein):
    await post_moderated(taunusstein)
    return await town_with_categories(taunusstein)


def _point(rng: random.Random) -> dict[str, float]:
    return {"lat": INSIDE["lat"] + rng.uniform(-0.012, 0.012), "lon": INSIDE["lon"] + rng.uniform(-0.02, 0.02)}


def _report(rng: random.Random, **overrides):
    if rng.random() < 0.4:
        return pothole(category="beleuchtung", answers={}, **_point(rng), **overrides)
    return pothole(**_point(rng), **overrides)


async def _ids(where=None) -> list[int]:
    query = Report.select(Report.id).order_by(Report.id)
    return [r["id"] for r in await (query.where(where) if where is not None else query)]


async def _all_levels_agree() -> None:
    for level in LEVELS:
        assert await mapcells.differences(level) == [], f"level {level}"


async def _clusters(client, **params) -> list[tuple]:
    body = (await client.get(f"{API}/reports", params=params)).json()
    return sorted(
        (
            round(f["geometry"]["coordinates"][1], 9),
            round(f["geometry"]["coordinates"][0], 9),
            f["properties"]["count"],
            f["properties"].get("id"),
            f["properties"].get("status"),
        )
        for f in body["features"]
    )


async def test_random_writes_through_the_services_keep_the_cell_counts_exact(client, town, mailbox, settings):
    rng = random.Random(15)
    await person(ADMIN, roles=(Role.ADMIN,), municipality=town.municipality)
    key = (await issue_key(town.municipality.id, "Stadt-App"))[1]
    store = PhotoStore(settings.media_dir)
    tokens: list[str] = []
    await logged_in(client, ADMIN)

    async def file_anonymously():
        await client.post("/api/v1/auth/logout")
        report = _report(rng, email=f"melder{rng.randrange(10**6)}@example.org")
        assert (await client.post(f"{API}/reports", files=multipart(report))).status_code == 201
        mail = await mailbox.wait_for(report["email"], "bestätigen")
        mailbox.messages.remove(mail)
        tokens.append(token_from(first_link(mail)))
        await logged_in(client, ADMIN)

    async def confirm():
        if tokens:
            token = tokens.pop(rng.randrange(len(tokens)))
            assert (await client.post(f"{API}/reports/confirm", json={"token": token})).status_code == 200

    async def file_on_behalf():
        response = await client.post(f"{API}/reports/on-behalf", files=multipart(_report(rng, channel="phone")))
        assert response.status_code == 201, response.text

    async def open311(with_point: bool):
        form = {
            "api_key": key,
            "jurisdiction_id": SLUG,
            "service_code": "strassen",
            "attribute[size]": "large",
            "address_string": "Aarstraße 12",
            "email": "app@example.org",
            "description": "Loch",
        }
        if with_point:
            point = _point(rng)
            form |= {"lat": str(point["lat"]), "long": str(point["lon"])}
        assert (await client.post("/open311/v2/requests.json", data=form)).status_code == 201

    async def place():
        unplaced = await _ids(Report.placed == False)  # noqa: E712
        chosen = rng.choice(unplaced or await _ids())
        await client.post(f"{API}/reports/{chosen}/location", json=_point(rng))  # a placed one may refuse

    async def change_status():
        rows = await Report.select(Report.id, Report.status).where(Report.confirmed_at.is_not_null())
        if rows:
            row = rng.choice(rows)
            targets = [s.value for s in Status if may_move(row["status"], s.value) and s is not Status.DUPLICATE]
            if targets:
                body = {"status": rng.choice(targets), "note": "Stand", "responsible": "Hessen Mobil"}
                await client.post(f"{API}/reports/{row['id']}/status", json=body)

    async def bulk_status():
        ids = await _ids((Report.status == "eingegangen") & Report.confirmed_at.is_not_null())
        if ids:
            chosen = rng.sample(ids, min(3, len(ids)))
            await client.post(f"{API}/defect-queue/status", json={"ids": chosen, "status": "in_pruefung"})

    async def moderate():
        ids = await _ids(Report.confirmed_at.is_not_null())
        if ids:
            try:
                await decide("defect_report", rng.choice(ids), rng.choice(["reject", "approve"]), "insult")
            except AssertionError:  # never submitted to moderation (e.g. still unconfirmed)
                pass

    async def reassign():
        ids = await _ids(Report.confirmed_at.is_not_null())
        if ids:
            body = {"category": rng.choice(["strassen", "beleuchtung"]), "note": "Falsche Kategorie"}
            await client.post(f"{API}/reports/{rng.choice(ids)}/reassign", json=body)

    async def purge():
        await purge_unconfirmed(store, now=datetime.now(UTC) + timedelta(days=8))
        tokens.clear()

    async def anonymise():
        rows = await Report.select(Report.author).where(Report.author.is_not_null())
        if rows:
            await erase_reports(rng.choice(rows)["author"])

    async def districts():
        await reassign_report_districts(town.municipality)

    async def delete_one():  # e.g. a municipality's clean-up by hand
        ids = await _ids()
        if ids:
            await Report.delete().where(Report.id == rng.choice(ids))

    actions = [
        file_anonymously,
        confirm,
        confirm,
        file_on_behalf,
        file_on_behalf,
        lambda: open311(True),
        lambda: open311(False),
        place,
        change_status,
        change_status,
        bulk_status,
        moderate,
        moderate,
        reassign,
        anonymise,
        districts,
        delete_one,
    ]
    for _ in range(8):
        await file_on_behalf()
    for step in range(45):
        await rng.choice(actions)()
        if step % 15 == 14:
            await _all_levels_agree()
    await purge()
    await _all_levels_agree()
    assert await MapCell.count() > 0 and await Report.count() > 5

    # The clusters from the cell counts are the clusters of the GROUP BY over the reports (a date filter takes
    # that path), for staff and for residents, city-wide and at street level.
    since = "2000-01-01"
    for zoom in (9, 12, 13, 15):
        assert await _clusters(client, zoom=zoom) == await _clusters(client, zoom=zoom, since=since)
    await client.post("/api/v1/auth/logout")
    for zoom in (12, 15):
        for extra in ({}, {"category": "beleuchtung"}, {"group": "open"}):
            assert await _clusters(client, zoom=zoom, **extra) == await _clusters(
                client, zoom=zoom, since=since, **extra
            )


async def test_the_rebuild_counts_what_the_triggers_counted(client, town, mailbox):
    await person(ADMIN, roles=(Role.ADMIN,), municipality=town.municipality)
    await logged_in(client, ADMIN)
    rng = random.Random(7)
    for _ in range(5):
        response = await client.post(f"{API}/reports/on-behalf", files=multipart(_report(rng, channel="phone")))
        assert response.status_code == 201
    exact = (
        MapCell.level,
        MapCell.gy,
        MapCell.gx,
        MapCell.category,
        MapCell.status,
        MapCell.district,
        MapCell.shown,
        MapCell.n,
        MapCell.sum_id,
    )

    async def kept():
        return sorted(tuple(r.values()) for r in await MapCell.select(*exact).where(MapCell.n != 0))

    before = await kept()
    from backend.cli import recount_map  # what `python -m backend.cli recount-map` runs

    await recount_map()
    assert await kept() == before and len(before) >= 5 * len(LEVELS) / 2
    await _all_levels_agree()


async def test_concurrent_writers_neither_deadlock_nor_lose_a_count(client, town):
    """Many transactions moving reports between the same cells and statuses at once (PostgreSQL: each its own
    connection; SQLite writes one at a time)."""
    import asyncio

    await person(ADMIN, roles=(Role.ADMIN,), municipality=town.municipality)
    await logged_in(client, ADMIN)
    rng = random.Random(3)
    for _ in range(6):
        response = await client.post(f"{API}/reports/on-behalf", files=multipart(_report(rng, channel="phone")))
        assert response.status_code == 201
    ids = await _ids()
    concurrent = Report._meta.db.engine_type == "postgres"

    async def writer(seed: int) -> None:
        mine = random.Random(seed)
        for _ in range(5):
            chosen = sorted(mine.sample(ids, 3))  # several reports per transaction, in id order as bulk work does
            async with Report._meta.db.transaction():
                for report_id in chosen:
                    values = {
                        Report.status: mine.choice(["eingegangen", "in_pruefung"]),
                        **{
                            Report.lat: INSIDE["lat"] + mine.choice([-0.004, 0.004]),
                        },
                    }
                    await Report.update(values).where(Report.id == report_id)

    if concurrent:
        await asyncio.gather(*(writer(seed) for seed in range(8)))
    else:
        for seed in range(8):
            await writer(seed)
    await _all_levels_agree()
