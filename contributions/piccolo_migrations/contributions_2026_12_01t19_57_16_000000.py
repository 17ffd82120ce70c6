"""Move the photos of proposals (proposal_image) and defect reports (defect_photo) into contribution_photo.

Ids: proposal images keep theirs; defect photos get theirs plus an offset above every proposal image id, so
moderation's rows can be rewritten set-based. Moderation items, decisions, policies and audit entries that
named `proposal_photo` or the old defect photo id now name content type `photo` and the new id; items get
the new preview URL and the file key (so moderators can blur a region). On a fresh database the old tables
do not exist yet (this app migrates before proposals and defects, which then drop them): only the index is made.
"""

import json

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-01T19:57:16:000000"
VERSION = "1.38.0"
DESCRIPTION = "Photos of proposals and defect reports moved into contribution_photo; moderation rows rewritten"

TEMPORARY_TYPE = "contribution_photo_move"  # never seen outside this migration


class RawTable(Table):
    pass


async def _exists(table: str) -> bool:
    if RawTable._meta.db.engine_type == "sqlite":
        rows = await RawTable.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name = {}", table)
    else:
        rows = await RawTable.raw("SELECT to_regclass({}) AS name", table)
    return bool(rows and rows[0]["name"])


async def _scalar(sql: str) -> int:
    rows = await RawTable.raw(sql)
    return int(rows[0]["n"] or 0) if rows else 0


async def _move_photos() -> None:
    images, defect_photos = await _exists("proposal_image"), await _exists("defect_photo")
    if not images and not defect_photos:
        return
    offset = 0
    if images:
        offset = max(
            await _scalar("SELECT MAX(id) AS n FROM proposal_image"),
            await _scalar("SELECT MAX(content_id) AS n FROM moderation_item WHERE content_type = 'proposal_photo'"),
        )
        await RawTable.raw(
            'INSERT INTO contribution_photo (id, municipality, content_type, content_id, author, "key", width, '
            'height, "position", visibility, created_at) '
            "SELECT i.id, c.municipality, 'proposal', i.proposal, p.author, i.\"key\", i.width, i.height, "
            "(SELECT COUNT(*) FROM proposal_image e WHERE e.proposal = i.proposal AND e.id < i.id), "
            "i.visibility, i.created_at "
            "FROM proposal_image i JOIN proposal p ON p.id = i.proposal JOIN consultation c ON c.id = p.consultation"
        )
    if defect_photos:
        await RawTable.raw(
            'INSERT INTO contribution_photo (id, municipality, content_type, content_id, author, "key", width, '
            'height, "position", visibility, created_at) '
            "SELECT f.id + {}, r.municipality, 'defect_report', f.report, r.author, f.\"key\", f.width, "
            'f.height, f."position", f.visibility, r.created_at '
            "FROM defect_photo f JOIN defect_report r ON r.id = f.report",
            offset,
        )
    if RawTable._meta.db.engine_type == "postgres":
        await RawTable.raw(
            "SELECT setval(pg_get_serial_sequence('contribution_photo', 'id'), "
            "COALESCE((SELECT MAX(id) FROM contribution_photo), 0) + 1, false)"
        )
    await _rewrite_moderation(offset)


async def _rewrite_moderation(offset: int) -> None:
    # (content_type, content_id) is unique: the old defect photos pass through a temporary type first.
    await RawTable.raw(
        "UPDATE moderation_item SET content_type = {}, content_id = content_id + {} WHERE content_type = 'photo'",
        TEMPORARY_TYPE,
        offset,
    )
    await RawTable.raw("UPDATE moderation_item SET content_type = 'photo' WHERE content_type = 'proposal_photo'")
    await RawTable.raw("UPDATE moderation_item SET content_type = 'photo' WHERE content_type = {}", TEMPORARY_TYPE)
    await RawTable.raw(
        "UPDATE moderation_item SET "
        "preview_url = '/api/v1/municipalities/' || (SELECT m.slug FROM municipality m "
        "WHERE m.id = moderation_item.municipality) || '/photos/' || CAST(content_id AS VARCHAR(20)), "
        'photo_key = COALESCE((SELECT f."key" FROM contribution_photo f WHERE f.id = moderation_item.content_id), '
        "photo_key) "
        "WHERE content_type = 'photo'"
    )
    await RawTable.raw("UPDATE moderation_decision SET content_type = 'photo' WHERE content_type = 'proposal_photo'")
    await RawTable.raw(
        "DELETE FROM moderation_policy WHERE content_type = 'proposal_photo' AND EXISTS (SELECT 1 FROM "
        "moderation_policy o WHERE o.content_type = 'photo' AND o.municipality = moderation_policy.municipality "
        "AND o.context_id = moderation_policy.context_id)"
    )
    await RawTable.raw("UPDATE moderation_policy SET content_type = 'photo' WHERE content_type = 'proposal_photo'")
    audit = await RawTable.raw(
        'SELECT id, "after" FROM moderation_audit WHERE item_id IN '
        "(SELECT id FROM moderation_item WHERE content_type = 'photo')"
    )
    for entry in audit:
        after = json.loads(entry["after"] or "{}")
        if after.get("content_type") == "photo":
            after["content_id"] = int(after.get("content_id") or 0) + offset
        elif after.get("content_type") == "proposal_photo":
            after["content_type"] = "photo"
        else:
            continue
        await RawTable.raw('UPDATE moderation_audit SET "after" = {} WHERE id = {}', json.dumps(after), entry["id"])


async def _index() -> None:
    await RawTable.raw("CREATE INDEX contribution_photo_owner ON contribution_photo (content_type, content_id)")


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="contributions", description=DESCRIPTION)

    async def run():
        await _index()
        await _move_photos()

    async def run_backwards():
        await RawTable.raw("DROP INDEX contribution_photo_owner")

    manager.add_raw(run)
    manager.add_raw_backwards(run_backwards)
    return manager
