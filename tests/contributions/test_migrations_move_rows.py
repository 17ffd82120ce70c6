"""Existing follows, settings, queued notices and report followers survive the move to the shared tables."""

import json
import os
import subprocess
import sys

from tests.support import database


def test_old_follow_rows_arrive_in_the_shared_tables_and_the_old_tables_are_gone():
    url = database.create()
    try:
        env = {**os.environ, "DATABASE_URL": url, "PICCOLO_CONF": "backend.piccolo_conf"}
        done = subprocess.run(
            [sys.executable, "-m", "tests.contributions.old_rows"], env=env, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stderr[-3000:]
        result = json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        database.drop(url)
    ids = result["ids"]
    town, anna = ids["town"], ids["anna"]
    moved = [(f["content_type"], f["content_id"], f["user"], f["email"], f["municipality"]) for f in result["follows"]]
    assert len(moved) == 4 and set(moved) == {
        ("consultation", ids["consultation"], anna, "", town),
        ("proposal", ids["proposal"], anna, "", town),
        ("defect_report", ids["report"], anna, "", town),
        ("defect_report", ids["report"], None, "melder@example.org", town),
    }
    assert result["preferences"] == [{"user": anna, "mode": "daily"}]
    assert result["notices"] == [{"user": anna, "text_de": "Neu", "link": "http://x/#/"}]
    assert result["old_tables"] == []
