"""Admins see when a key was last used, and every key change lands in the audit log."""

from __future__ import annotations

from defects.services.apikeys import check_key, issue_key, list_keys
from geo.roles import Role
from moderation.tables import AuditEntry
from tests.factories import logged_in, person


async def test_a_key_remembers_its_last_use(taunusstein):
    key_id, key = await issue_key(taunusstein.id, "Stadt-App")
    assert (await list_keys(taunusstein.id))[0].last_used_at is None
    await check_key(taunusstein.id, key)
    listed = (await list_keys(taunusstein.id))[0]
    assert listed.id == key_id and listed.last_used_at is not None


async def test_issuing_trusting_and_revoking_a_key_is_audited(client, taunusstein):
    admin = await person("admin@taunusstein.example", roles=(Role.ADMIN,), municipality=taunusstein)
    await logged_in(client, "admin@taunusstein.example")
    keys = f"/api/v1/municipalities/{taunusstein.slug}/open311-keys"
    issued = (await client.post(keys, json={"label": "Partner"})).json()
    assert (await client.patch(f"{keys}/{issued['id']}", json={"trusted": True})).status_code == 200
    assert (await client.delete(f"{keys}/{issued['id']}")).status_code == 204
    rows = await AuditEntry.select(AuditEntry.action, AuditEntry.actor, AuditEntry.after).order_by(AuditEntry.id)
    assert [r["action"] for r in rows] == ["open311_key_issued", "open311_key_trusted", "open311_key_revoked"]
    assert {r["actor"] for r in rows} == {admin}
    assert all(f'"key_id": {issued["id"]}' in r["after"] for r in rows)
    assert issued["api_key"] not in str(await AuditEntry.select())
