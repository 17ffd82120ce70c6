"""API keys: a trusted partner's reporters count as confirmed; admins list, trust and revoke keys (API and
command line); POSTs are limited per key and per reporter address, so one key cannot mail-bomb a person."""

import json

import httpx

from defects.services.apikeys import issue_key
from defects.tables import Report
from geo.roles import Role
from tests.backend.open311.conftest import form
from tests.backend.test_cli import cli
from tests.factories import INSIDE, logged_in, person
from tests.support.live_server import serve

KEYS = "/api/v1/municipalities/taunusstein/open311-keys"
PLACE = {"lat": str(INSIDE["lat"]), "long": str(INSIDE["lon"]), "attribute[size]": "large"}


async def test_a_trusted_partners_reporters_count_as_confirmed_without_a_mailed_link(outside, town, mailbox):
    key = (await issue_key(town.municipality.id, "Partner-App", trusted=True))[1]
    response = await outside.post("/requests.json", data=form(key, email="partner-user@example.org", **PLACE))
    assert response.status_code == 201, response.text
    assert "E-Mail" not in json.loads(response.content)[0]["service_notice"]
    row = await Report.select(Report.confirmed_at, Report.reporter_email).first()
    assert row["confirmed_at"] is not None and row["reporter_email"] == "partner-user@example.org"
    await mailbox.wait_for("tiefbau@taunusstein.example")  # routed to the department at once
    assert not [m for m in mailbox.messages if "bestätigen" in str(m["subject"])]


async def test_admins_list_trust_and_revoke_keys_and_a_revoked_key_is_refused(client, outside, town, api_key):
    await person("admin@taunusstein.example", roles=(Role.ADMIN,), municipality=town.municipality)
    await logged_in(client, "admin@taunusstein.example")
    issued = await client.post(KEYS, json={"label": "Zweite App", "trusted": True})
    assert issued.status_code == 201 and issued.json()["trusted"] is True
    keys = (await client.get(KEYS)).json()
    assert [(k["label"], k["trusted"], k["revoked_at"]) for k in keys] == [
        ("Stadt-App", False, None),
        ("Zweite App", True, None),
    ]
    assert "api_key" not in keys[0] and "key_hash" not in keys[0]
    first = keys[0]["id"]
    trusted = await client.patch(f"{KEYS}/{first}", json={"trusted": True})
    assert trusted.status_code == 200 and trusted.json()[0]["trusted"] is True
    assert (await client.delete(f"{KEYS}/{first}")).status_code == 204
    assert (await client.get(KEYS)).json()[0]["revoked_at"] is not None
    refused = await outside.post("/requests.json", data=form(api_key, **PLACE))
    assert refused.status_code == 403 and json.loads(refused.content)[0]["code"] == 403
    assert (await client.delete(f"{KEYS}/999999")).status_code == 404


async def test_residents_cannot_see_the_keys(client, town):
    await person("resi@example.org")
    await logged_in(client, "resi@example.org")
    assert (await client.get(KEYS)).status_code == 403


async def test_an_operator_issues_lists_trusts_and_revokes_keys_on_the_command_line(town):
    issued = cli("open311-keys", "issue", "--municipality", "taunusstein", "--label", "Bürger-App")
    assert issued.returncode == 0, issued.stderr
    assert "shown only this once" in issued.stdout
    key_id = int(issued.stdout.split()[1])
    trusted = cli("open311-keys", "trust", "--municipality", "taunusstein", "--id", str(key_id))
    assert trusted.returncode == 0 and "Bürger-App\ttrusted\tactive" in trusted.stdout
    revoked = cli("open311-keys", "revoke", "--municipality", "taunusstein", "--id", str(key_id))
    assert revoked.returncode == 0 and "\trevoked " in revoked.stdout
    listed = cli("open311-keys", "list", "--municipality", "taunusstein")
    assert listed.returncode == 0 and f"{key_id}\tBürger-App" in listed.stdout


async def test_posts_are_limited_per_reporter_address_and_per_key_with_retry_after(smtp, mailbox, town, api_key):
    limited = serve(smtp, open311_posts_per_key_per_hour=4, open311_posts_per_address_per_hour=2)
    try:
        async with httpx.AsyncClient(base_url=f"{limited.url}/open311/v2", timeout=30) as app:
            for _ in range(2):
                ok = await app.post("/requests.json", data=form(api_key, email="victim@example.org", **PLACE))
                assert ok.status_code == 201, ok.text
            third = await app.post("/requests.xml", data=form(api_key, email="victim@example.org", **PLACE))
            assert third.status_code == 429 and "(email)" in third.text
            assert 0 < int(third.headers["retry-after"]) <= 3600
            for address in ("a@example.org", "b@example.org"):
                assert (await app.post("/requests.json", data=form(api_key, email=address, **PLACE))).status_code == 201
            over = await app.post("/requests.json", data=form(api_key, email="c@example.org", **PLACE))
            assert over.status_code == 429 and "(api_key)" in json.loads(over.content)[0]["description"]
    finally:
        limited.stop()
    await mailbox.wait_for("b@example.org", "bestätigen")
    assert len([m for m in mailbox.messages if m["to"] == "victim@example.org"]) == 2
    assert await Report.count() == 4
