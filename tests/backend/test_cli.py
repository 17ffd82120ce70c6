"""The command line an operator uses: add a municipality from the shipped boundaries, create its first admin."""

import os
import subprocess
import sys

from backend.settings import PROJECT_ROOT
from tests.factories import logged_in


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PASSWORD_HASHING": "fast-insecure"}
    return subprocess.run(
        [sys.executable, "-m", "backend.cli", *args],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env=env,
        timeout=120,
    )


async def test_an_operator_adds_usingen_and_its_first_admin_who_can_then_log_in(client, db):
    added = cli("municipality-add", "--ags", "06434011", "--district", "Eschbach", "--district", "Merzhausen")
    assert added.returncode == 0, added.stderr
    assert "Usingen" in added.stdout
    admin = cli(
        "create-admin",
        "--email",
        "admin@usingen.example",
        "--password",
        "ein langes Passwort",
        "--municipality",
        "usingen",
    )
    assert admin.returncode == 0, admin.stderr
    detail = (await client.get("/api/v1/municipalities/usingen")).json()
    assert [f["properties"]["name"] for f in detail["districts"]["features"]] == ["Eschbach", "Merzhausen"]
    assert (await client.get("/api/v1/municipalities")).json() == []  # not live before its legal pages
    assert "Impressum" in added.stdout
    await logged_in(client, "admin@usingen.example", "ein langes Passwort")
    assert [m["slug"] for m in (await client.get("/api/v1/municipalities")).json()] == ["usingen"]
    me = (await client.get("/api/v1/me")).json()
    assert me["memberships"] == [{"municipality": "usingen", "role": "admin"}]


async def test_adding_a_municipality_twice_or_an_unknown_key_fails_with_a_clear_message(db):
    assert cli("municipality-add", "--ags", "06434011").returncode == 0
    again = cli("municipality-add", "--ags", "06434011")
    assert again.returncode == 2 and "schon angelegt" in again.stderr and "already exists" in again.stderr
    unknown = cli("municipality-add", "--ags", "09162000")  # Munich is not in Hesse's data
    assert unknown.returncode == 2 and "keine Grenze" in unknown.stderr
