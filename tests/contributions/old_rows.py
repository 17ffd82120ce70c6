"""Run in a subprocess on a database of its own: migrate to the state before the shared follow tables, write
follows, settings, notices and report followers the old way, migrate the rest, print what arrived (JSON)."""

from __future__ import annotations

import asyncio
import json

from piccolo.apps.migrations.commands.forwards import run_forwards
from piccolo.apps.user.tables import BaseUser
from piccolo.table import Table

BEFORE = {"proposals": "2026-11-21T11:55:23:000001", "defects": "2026-11-21T11:55:16:000000"}


class Raw(Table):
    pass


async def one(sql: str, *args: object) -> int:
    rows = await Raw.raw(sql + " RETURNING id", *args)
    return int(rows[0]["id"])


async def _exists(table: str) -> bool:
    class Probe(Table, tablename=table):
        pass

    return bool(await Probe.table_exists())


async def main() -> None:
    for app in ("user", "geo"):
        assert (await run_forwards(app)).success
    for app, last in BEFORE.items():
        assert (await run_forwards(app, migration_id=last)).success
    anna = (await BaseUser.create_user("anna@example.org", "secret-1234", email="anna@example.org", active=True)).id
    town = await one(
        "INSERT INTO municipality (slug, name, ags, boundary) VALUES ({}, {}, {}, {})", "t", "T", "1", "{}"
    )
    consultation = await one("INSERT INTO consultation (municipality, title) VALUES ({}, {})", town, "C")
    proposal = await one(
        "INSERT INTO proposal (consultation, author, title, body) VALUES ({}, {}, {}, {})", consultation, anna, "P", "B"
    )
    await Raw.raw('INSERT INTO follow ("user", consultation) VALUES ({}, {})', anna, consultation)
    await Raw.raw('INSERT INTO follow ("user", proposal) VALUES ({}, {})', anna, proposal)
    await Raw.raw('INSERT INTO notify_setting ("user", mode) VALUES ({}, {})', anna, "daily")
    await Raw.raw(
        'INSERT INTO pending_notice ("user", municipality, text_de, text_en, link) VALUES ({}, {}, {}, {}, {})',
        anna,
        town,
        "Neu",
        "New",
        "http://x/#/",
    )
    category = await one(
        "INSERT INTO defect_category (municipality, code, name_de, name_en) VALUES ({}, {}, {}, {})",
        town,
        "s",
        "S",
        "S",
    )
    report = await one(
        "INSERT INTO defect_report (municipality, category, lat, lon, author) VALUES ({}, {}, {}, {}, {})",
        town,
        category,
        50.1,
        8.1,
        anna,
    )
    await Raw.raw(
        'INSERT INTO defect_follower (report, email, "user") VALUES ({}, {}, {})', report, "anna@example.org", anna
    )
    await Raw.raw("INSERT INTO defect_follower (report, email) VALUES ({}, {})", report, "Melder@Example.org")

    assert (await run_forwards("all")).success
    follows = await Raw.raw(
        'SELECT content_type, content_id, "user", email, municipality FROM contribution_follow ORDER BY id'
    )
    old = [name for name in ("follow", "notify_setting", "pending_notice", "defect_follower") if await _exists(name)]
    print(
        json.dumps(
            {
                "ids": {
                    "anna": anna,
                    "town": town,
                    "consultation": consultation,
                    "proposal": proposal,
                    "report": report,
                },
                "follows": [dict(r) for r in follows],
                "preferences": [
                    dict(r) for r in await Raw.raw('SELECT "user", mode FROM contribution_notification_preference')
                ],
                "notices": [
                    dict(r) for r in await Raw.raw('SELECT "user", text_de, link FROM contribution_pending_notice')
                ],
                "old_tables": old,
            }
        )
    )


if __name__ == "__main__":
    asyncio.run(main())
