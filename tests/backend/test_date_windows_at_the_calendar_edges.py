"""Dates at the ends of the calendar answer, instead of overflowing when a window is computed around them."""

from __future__ import annotations

from tests.defects.factories import town_with_categories

M = "/api/v1/municipalities/taunusstein"


async def test_an_open311_start_date_at_the_end_of_the_calendar_alone_answers(client, taunusstein):
    await town_with_categories(taunusstein)
    for params in (
        {"start_date": "9999-12-31T00:00:00Z"},
        {"end_date": "0001-01-01T00:00:00Z"},
        {"end_date": "0001-01-01T00:00:00+14:00"},
    ):
        for fmt in ("json", "xml"):
            response = await client.get(
                f"/open311/v2/requests.{fmt}", params={"jurisdiction_id": "taunusstein", **params}
            )
            assert response.status_code in (200, 400), (params, response.text)
            if fmt == "json" and response.status_code == 200:
                assert response.json() == []


async def test_a_report_list_until_the_last_day_of_the_calendar_answers(client, taunusstein):
    await town_with_categories(taunusstein)
    response = await client.get(f"{M}/reports", params={"until": "9999-12-31"})
    assert response.status_code == 200, response.text


async def test_open_data_up_to_the_last_day_of_the_calendar_answers(client, taunusstein):
    response = await client.get(f"{M}/open-data/defect-reports.csv", params={"from": "9999-12-01", "to": "9999-12-31"})
    assert response.status_code == 200, response.text
