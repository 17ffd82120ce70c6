"""The Mängelmelder statistics of a period: counts, median time to close and longest open reports match the data."""

import subprocess
from datetime import UTC, datetime, timedelta

from defects.tables import Report, StatusChange
from tests.defects.factories import staff_of, stored_report, town_with_categories
from tests.factories import INSIDE, logged_in


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "defects.pdf"
    path.write_bytes(content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.replace("\u202f", " ").split())


async def close(report_id: int, after_days: float) -> None:
    created = (await Report.select(Report.created_at).where(Report.id == report_id).first())["created_at"]
    await Report.update({Report.status: "erledigt"}).where(Report.id == report_id)
    await StatusChange(
        report=report_id,
        from_status="eingegangen",
        to_status="erledigt",
        created_at=created + timedelta(days=after_days),
    ).save()


async def test_the_period_document_counts_what_came_in_and_how_long_it_took(client, taunusstein, tmp_path):
    town = await town_with_categories(taunusstein)
    await staff_of(town)  # the last 30 days are no public period (test_defect_statistics_access.py)
    await logged_in(client, "tiefbau.staff@taunusstein.example")
    ten_days_ago = datetime.now(UTC) - timedelta(days=10)
    ids = [await stored_report(town, INSIDE["lat"], INSIDE["lon"], created_at=ten_days_ago) for _ in range(4)]
    light = await stored_report(town, INSIDE["lat"], INSIDE["lon"], category="beleuchtung", created_at=ten_days_ago)
    await stored_report(town, INSIDE["lat"], INSIDE["lon"], visibility="rejected")  # never counted
    await stored_report(town, INSIDE["lat"], INSIDE["lon"], confirmed=False)  # never counted
    for report_id, days in zip(ids[:3], (1, 3, 8), strict=True):
        await close(report_id, days)
    today = datetime.now(UTC).date()
    response = await client.get(
        "/api/v1/municipalities/taunusstein/defect-statistics.pdf",
        params={"from": (today - timedelta(days=30)).isoformat(), "to": today.isoformat()},
    )
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    assert "Meldungen 5" in text  # 4 potholes + 1 light; rejected and unconfirmed are not counted
    assert "3,0 Tage" in text  # median of 1, 3 and 8 days
    assert f"{light} " in text and "Tage offen" in text  # the light is among the longest open reports
    assert "hidden@example.org" not in text


async def test_a_backwards_period_is_refused_naming_the_field(client, taunusstein):
    response = await client.get(
        "/api/v1/municipalities/taunusstein/defect-statistics.pdf", params={"from": "2026-06-01", "to": "2026-01-01"}
    )
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "to"
