"""Run in a subprocess on a database of its own: migrate to the state before contribution_photo, store
photos the old way (proposal_image, defect_photo, moderation rows), migrate the rest, print what came out."""

from __future__ import annotations

import asyncio
import json

from piccolo.apps.migrations.commands.forwards import run_forwards
from piccolo.apps.user.tables import BaseUser

OLD = {"proposals": "2026-11-21T11:55:23:000001", "defects": "2026-11-21T11:55:16:000000"}
BEFORE = ["user", "geo", "accounts", "mail", "moderation"]


async def main() -> None:
    for app in BEFORE:
        assert (await run_forwards(app_name=app)).success
    for app, migration_id in OLD.items():
        assert (await run_forwards(app_name=app, migration_id=migration_id)).success

    from backend.demo import TAUNUSSTEIN_AGS
    from defects.tables import Category, Report
    from geo import services as geo
    from moderation.tables import AuditEntry, Decision, ModerationItem
    from proposals.tables import Consultation, Proposal

    town = await geo.create_from_ags(TAUNUSSTEIN_AGS)
    user = BaseUser(username="anna", password="x" * 20, email="anna@example.org", active=True)
    await user.save()
    # Raw as below: today's Consultation has columns (a later migration's `body`) this old schema lacks.
    consultations = await Consultation.raw(
        "INSERT INTO consultation (municipality, title, status) VALUES ({}, 'Platz', 'published') RETURNING id",
        town.id,
    )
    proposal = Proposal(consultation=int(consultations[0]["id"]), author=user.id, title="Bänke", visibility="public")
    await proposal.save()
    # Raw: today's Category and Report classes have columns (later migrations) this old schema lacks.
    categories = await Category.raw(
        "INSERT INTO defect_category (municipality, code, name_de, name_en) "
        "VALUES ({}, 'strassen', 'Straßen', 'Roads') RETURNING id",
        town.id,
    )
    rows = await Report.raw(
        "INSERT INTO defect_report (municipality, category, lat, lon, author, created_at, updated_at) "
        "VALUES ({}, {}, 50.1, 8.1, {}, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP) RETURNING id",
        town.id,
        int(categories[0]["id"]),
        user.id,
    )
    report_id = int(rows[0]["id"])
    raw = ModerationItem.raw
    for key in ("p1.jpg", "p2.jpg"):
        await raw(
            "INSERT INTO proposal_image (proposal, key, width, height, visibility, created_at) "
            "VALUES ({}, {}, 10, 20, 'public', CURRENT_TIMESTAMP)",
            proposal.id,
            key,
        )
    await raw(
        'INSERT INTO defect_photo (report, key, width, height, "position", visibility) '
        "VALUES ({}, 'd1.jpg', 30, 40, 0, 'pending')",
        report_id,
    )
    # Ids as the old code used them: proposal images 1 and 2, defect photo 1 (the same number!).
    old = [
        ("proposal_photo", 2, f"/api/v1/municipalities/{town.slug}/proposals/{proposal.id}/images/2"),
        ("photo", 1, f"/api/v1/municipalities/{town.slug}/reports/{report_id}/photos/1"),
    ]
    for content_type, content_id, preview in old:
        item = ModerationItem(
            municipality=town.id, content_type=content_type, content_id=content_id, author=user.id, preview_url=preview
        )
        await item.save()
        after = {"state": "pending", "content_type": content_type, "content_id": content_id}
        await AuditEntry(municipality=town.id, action="submitted", item_id=item.id, after=json.dumps(after)).save()
        await Decision(municipality=town.id, item=item.id, content_type=content_type, action="approve").save()

    result = await run_forwards(app_name="all")
    assert result.success, result.message

    photos = await raw(
        'SELECT id, content_type, content_id, author, "key", width, height, "position", visibility, municipality '
        "FROM contribution_photo ORDER BY id"
    )
    items = await raw("SELECT content_type, content_id, preview_url, photo_key FROM moderation_item ORDER BY id")
    audit = await raw('SELECT "after" FROM moderation_audit ORDER BY id')
    decisions = await raw("SELECT content_type FROM moderation_decision ORDER BY id")
    tables = {
        name: bool(
            await raw(
                "SELECT 1 AS found FROM information_schema.tables WHERE table_name = {}"
                if ModerationItem._meta.db.engine_type == "postgres"
                else "SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = {}",
                name,
            )
        )
        for name in ("proposal_image", "defect_photo")
    }
    # A photo saved after the move gets a fresh id (the sequence was moved past the copied ids).
    new = await raw(
        'INSERT INTO contribution_photo (municipality, content_type, content_id, "key", width, height, '
        "\"position\", visibility, created_at) VALUES ({}, 'proposal', {}, 'n.jpg', 1, 1, 0, 'pending', "
        "CURRENT_TIMESTAMP) RETURNING id",
        town.id,
        proposal.id,
    )
    print(
        json.dumps(
            {
                "slug": town.slug,
                "proposal": proposal.id,
                "report": report_id,
                "user": user.id,
                "photos": photos,
                "items": items,
                "audit": [json.loads(a["after"]) for a in audit],
                "decisions": [d["content_type"] for d in decisions],
                "old_tables": tables,
                "new_id": new[0]["id"],
            },
            default=str,
        )
    )


if __name__ == "__main__":
    asyncio.run(main())
