"""Open data downloads: public content only, no personal data, licence named, every format opens."""

import csv
import io
import json
from datetime import UTC, datetime, timedelta

import geojson
from openpyxl import load_workbook

from moderation import hook
from tests.defects.factories import stored_report, town_with_categories
from tests.factories import INSIDE, person
from tests.proposals.factories import admin_of, consultation, proposal
from tests.support.moderation import post_moderated


async def consultation_with_a_rejected_proposal(municipality) -> int:
    await post_moderated(municipality)
    admin = await admin_of(municipality)
    author = await person("lena@example.org", name="Lena Privat")
    cid = await consultation(municipality, admin)
    await proposal(municipality, cid, author, title="Mehr Bäume in Hahn")
    rejected = await proposal(municipality, cid, author, title="Ruft mich an: 0171 2345678")
    await hook.listener_for("proposal")(
        hook.Outcome(rejected, hook.Visibility.REJECTED, "personenbezogene Daten", "personal data")
    )
    return cid


async def test_proposals_as_csv_geojson_and_xlsx_hold_only_public_content(client, taunusstein):
    cid = await consultation_with_a_rejected_proposal(taunusstein)
    base = f"/api/v1/municipalities/taunusstein/consultations/{cid}/proposals"
    as_csv = await client.get(f"{base}.csv")
    assert as_csv.status_code == 200 and as_csv.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.text.lstrip("\ufeff"))))
    assert [r["Titel"] for r in rows] == ["Mehr Bäume in Hahn"]
    assert rows[0]["licence"] == "dl-de/by-2-0"
    as_geojson = await client.get(f"{base}.geojson")
    assert geojson.loads(as_geojson.text).is_valid
    features = json.loads(as_geojson.text)["features"]
    assert len(features) == 1 and features[0]["geometry"]["coordinates"] == [INSIDE["lon"], INSIDE["lat"]]
    as_xlsx = await client.get(f"{base}.xlsx")
    sheet = load_workbook(io.BytesIO(as_xlsx.content)).worksheets[0]
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["Mehr Bäume in Hahn"]
    for body in (as_csv.text, as_geojson.text):
        assert "0171" not in body and "Lena" not in body and "lena@example.org" not in body


async def test_defect_reports_open_data_leaves_out_reporters_and_unpublished_reports(client, taunusstein):
    town = await town_with_categories(taunusstein)
    shown = await stored_report(town, INSIDE["lat"], INSIDE["lon"])
    await stored_report(town, INSIDE["lat"], INSIDE["lon"], visibility="rejected")
    await stored_report(town, INSIDE["lat"], INSIDE["lon"], confirmed=False)
    today = datetime.now(UTC).date()
    period = {"from": (today - timedelta(days=7)).isoformat(), "to": today.isoformat()}
    response = await client.get("/api/v1/municipalities/taunusstein/open-data/defect-reports.csv", params=period)
    rows = list(csv.DictReader(io.StringIO(response.text.lstrip("\ufeff"))))
    assert [int(r["Nr."]) for r in rows] == [shown]
    assert rows[0]["Gruppe"] == "open" and "hidden@example.org" not in response.text


async def test_a_draft_consultation_has_no_open_data(client, taunusstein):
    admin = await admin_of(taunusstein)
    cid = await consultation(taunusstein, admin, status="draft")
    assert (
        await client.get(f"/api/v1/municipalities/taunusstein/consultations/{cid}/proposals.csv")
    ).status_code == 404
