"""Run in a subprocess against a fault test's own database (DATABASE_URL): the places and people of the load.

`python -m tests.faults.seed` migrates the empty database, then prints one JSON line: the municipality's slug,
the voting proposals and the residents who vote and file. Proposals come from several authors (five each at
most): moderation would rightly hold back a burst from one account, and a held-back proposal cannot be voted on.
"""

from __future__ import annotations

import asyncio
import json

RESIDENTS = 8
PROPOSALS = 60
PER_AUTHOR = 5


async def seed() -> dict[str, object]:
    from piccolo.apps.migrations.commands.forwards import run_forwards

    migrated = await run_forwards(app_name="all")
    assert migrated.success, migrated.message
    from backend.wiring import content_registry
    from geo.roles import Role
    from geo.tables import Municipality
    from tests.defects.factories import town_with_categories
    from tests.factories import person, taunusstein_with_districts
    from tests.proposals.factories import admin_of, consultation, proposal
    from tests.support.moderation import post_moderated

    content_registry().install()  # what create_app does: moderation must know every content type
    await Municipality._meta.db.start_connection_pool(min_size=1, max_size=2)
    municipality = await taunusstein_with_districts()
    await post_moderated(municipality)
    await town_with_categories(municipality)
    admin = await admin_of(municipality)
    consultation_id = await consultation(municipality, admin, title="Lastprobe: Spielplätze für alle")
    residents = [f"resident{i}@example.org" for i in range(RESIDENTS)]
    for email in residents:
        await person(email, roles=(Role.RESIDENT,), municipality=municipality)
    proposals = []
    for index in range(PROPOSALS):
        if index % PER_AUTHOR == 0:
            author = await person(f"author{index}@example.org", roles=(Role.RESIDENT,), municipality=municipality)
        proposals.append(await proposal(municipality, consultation_id, author, f"Vorschlag {index} der Lastprobe"))
    await Municipality._meta.db.close_connection_pool()
    return {"slug": municipality.slug, "proposals": proposals, "residents": residents}


if __name__ == "__main__":
    print(json.dumps(asyncio.run(seed())))
