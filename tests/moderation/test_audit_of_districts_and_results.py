"""The audit log keeps the back office's changes to districts (upload, rename, delete, re-assignment) and the
publishing and taking back of results, with who did it and what was there before."""

from __future__ import annotations

import json

from geo import services as geo
from moderation.tables import AuditEntry
from tests.factories import logged_in, split_into_districts
from tests.proposals.factories import admin_of, close_voting, consultation

M = "/api/v1/municipalities/taunusstein"


async def entries(action: str) -> list[dict]:
    rows = await AuditEntry.select().where(AuditEntry.action == action).order_by(AuditEntry.id)
    return [{**r, "before": json.loads(r["before"]), "after": json.loads(r["after"])} for r in rows]


async def test_district_changes_are_in_the_audit_log(client, taunusstein):
    admin = await admin_of(taunusstein)
    await logged_in(client, "admin@taunusstein.example")
    wehen = {d["name"]: d["id"] for d in await geo.districts_of(taunusstein.id)}["Wehen"]

    assert (await client.patch(f"{M}/districts/{wehen}", json={"name": "Wehen (Kernstadt)"})).status_code == 200
    [renamed] = await entries("district_renamed")
    assert renamed["actor"] == admin and renamed["municipality"] == taunusstein.id
    assert renamed["before"] == {"id": wehen, "name": "Wehen"}
    assert renamed["after"] == {"id": wehen, "name": "Wehen (Kernstadt)"}

    assert (await client.delete(f"{M}/districts/{wehen}")).status_code == 200
    [deleted] = await entries("district_deleted")
    assert deleted["actor"] == admin and deleted["before"] == {"id": wehen, "name": "Wehen (Kernstadt)"}

    upload = split_into_districts(json.loads(taunusstein.boundary), ["West", "Ost"])
    assert (await client.put(f"{M}/districts", json=upload)).status_code == 200
    [uploaded] = await entries("districts_uploaded")
    assert uploaded["actor"] == admin and "Wehen (Kernstadt)" not in uploaded["before"]["districts"]
    assert {"West", "Ost"} <= set(uploaded["after"]["districts"]) - set(uploaded["before"]["districts"])

    assert (await client.post(f"{M}/districts/reassign")).status_code == 200
    [reassigned] = await entries("districts_reassigned")
    assert reassigned["actor"] == admin and set(reassigned["after"]) == {"reports", "proposals"}


async def test_a_refused_district_change_leaves_no_entry(client, taunusstein):
    await admin_of(taunusstein)
    await logged_in(client, "admin@taunusstein.example")
    wehen = {d["name"]: d["id"] for d in await geo.districts_of(taunusstein.id)}["Wehen"]
    assert (await client.patch(f"{M}/districts/{wehen}", json={"name": ""})).status_code == 422
    assert await entries("district_renamed") == []


async def test_publishing_and_taking_back_results_are_in_the_audit_log(client, taunusstein):
    admin = await admin_of(taunusstein)
    cid = await consultation(taunusstein, admin, title="Spielplätze")
    await logged_in(client, "admin@taunusstein.example")
    assert (await client.post(f"{M}/consultations/{cid}/results/publish")).status_code == 409  # voting still open
    assert await entries("results_published") == []

    await close_voting(cid)
    assert (await client.post(f"{M}/consultations/{cid}/results/publish")).status_code == 200
    assert (await client.post(f"{M}/consultations/{cid}/results/publish")).status_code == 200  # idempotent
    [published] = await entries("results_published")
    assert published["actor"] == admin and published["after"] == {"consultation_id": cid, "title": "Spielplätze"}

    assert (await client.post(f"{M}/consultations/{cid}/results/withdraw")).status_code == 200
    [withdrawn] = await entries("results_withdrawn")
    assert withdrawn["actor"] == admin and withdrawn["before"]["consultation_id"] == cid
    assert withdrawn["before"]["published_at"]

    # The log's own page lists them with everything else.
    listed = (await client.get(f"{M}/moderation/audit")).json()
    assert {"results_published", "results_withdrawn"} <= {e["action"] for e in listed["items"]}
