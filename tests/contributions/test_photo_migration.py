"""The migration moves proposal images and defect photos into contribution_photo, and moderation follows."""

import json
import os
import subprocess
import sys

from tests.support import database


def migrate_old_photos() -> dict:
    url = database.create()
    try:
        env = {**os.environ, "DATABASE_URL": url, "PICCOLO_CONF": "backend.piccolo_conf"}
        done = subprocess.run(
            [sys.executable, "-m", "tests.contributions.old_photos"],
            env=env,
            capture_output=True,
            text=True,
            timeout=240,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        database.drop(url)


def test_old_photos_move_into_one_table_and_moderation_rows_point_at_them():
    out = migrate_old_photos()
    photos = {(p["content_type"], p["key"]): p for p in out["photos"]}
    assert set(photos) == {("proposal", "p1.jpg"), ("proposal", "p2.jpg"), ("defect_report", "d1.jpg")}
    image, defect = photos[("proposal", "p2.jpg")], photos[("defect_report", "d1.jpg")]
    assert image["id"] == 2 and image["content_id"] == out["proposal"] and image["position"] == 1
    assert image["author"] == out["user"] and image["visibility"] == "public"
    assert (
        defect["id"] == 3 and defect["content_id"] == out["report"] and (defect["width"], defect["height"]) == (30, 40)
    )
    assert out["new_id"] == 4
    base = f"/api/v1/municipalities/{out['slug']}/photos"
    assert out["items"] == [
        {"content_type": "photo", "content_id": 2, "preview_url": f"{base}/2", "photo_key": "p2.jpg"},
        {"content_type": "photo", "content_id": 3, "preview_url": f"{base}/3", "photo_key": "d1.jpg"},
    ]
    assert [(a["content_type"], a["content_id"]) for a in out["audit"]] == [("photo", 2), ("photo", 3)]
    assert out["decisions"] == ["photo", "photo"]
    assert out["old_tables"] == {"proposal_image": False, "defect_photo": False}
