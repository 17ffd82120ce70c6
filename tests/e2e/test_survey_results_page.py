"""A resident reads the published results of a survey: every question with its table, charts with text
alternatives, the groups compared with small cells hidden; an admin also finds the raw-data downloads.
Accessible at 390 and 1280 pixels, and usable by keyboard."""

from __future__ import annotations

import pytest

from geo.roles import Role
from tests.e2e.conftest import VIEWPORTS, assert_accessible, login, open_app, run
from tests.factories import person
from tests.survey_results.factories import stored_responses, stored_survey
from tests.survey_results.sample import DEFINITION, RECORDS, record

VIEW = "/m/:slug/surveys/:id/results"
ADMIN = "admin@taunusstein.example"


def published_survey(municipality) -> int:
    async def make() -> int:
        sid = await stored_survey(municipality.id, DEFINITION, status="results_published")
        more = [record(100 + i, {"often": "daily", "happy": 3}) for i in range(6)]
        await stored_responses(sid, [*RECORDS, *more], ["notes", "channels_other"])
        return sid

    return run(make())


@pytest.mark.parametrize("size", VIEWPORTS)
def test_a_resident_reads_every_question_with_its_table_and_the_groups_compared(
    new_page, live_server, taunusstein, size
):
    sid = published_survey(taunusstein)
    page = new_page(VIEWPORTS[size])
    open_app(page, live_server, f"#/m/taunusstein/surveys/{sid}/results", VIEW)
    main = page.locator("main")
    assert "Ergebnisse: Digitale Stadt: Wo sollen wir anfangen?" in main.locator("h1").inner_text()
    assert main.locator(".key-figures").first.inner_text().split() == ["Antworten", "12"]
    questions = main.locator("section.stats-block[aria-labelledby^=q-]")
    assert questions.count() == len(DEFINITION.questions())
    often = main.locator("section[aria-labelledby=q-often]")
    assert "täglich" in often.locator("table").inner_text() and "75 %" in often.locator("table").inner_text()
    chart = often.locator("svg.chart[role=img]")
    assert "täglich: 9 (75 %)" in chart.locator("desc").text_content()
    notes = main.locator("section[aria-labelledby=q-notes]").inner_text()
    assert "Mehr WLAN" in notes and "0171" not in main.inner_text()  # only approved free text
    compared = main.get_by_role("heading", name="Vergleich der Gruppen").locator("..").inner_text()
    assert "< 5" in compared and "Einwohnerinnen und Einwohner (n = 10)" in compared
    assert page.get_by_role("link", name="CSV").count() == 0  # raw data for admins only
    assert_accessible(page)
    page.keyboard.press("Tab")
    for _ in range(40):  # every link is reachable by keyboard, the report among them
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent").startswith("Ergebnisbericht"):
            break
    else:
        raise AssertionError("the report link is not reachable by keyboard")


def test_an_admin_finds_the_downloads(new_page, live_server, taunusstein):
    run(person(ADMIN, roles=(Role.ADMIN,), municipality=taunusstein))
    sid = published_survey(taunusstein)
    page = new_page(VIEWPORTS["desktop"])
    login(page, live_server, ADMIN)
    open_app(page, live_server, f"#/m/taunusstein/surveys/{sid}/results", VIEW)
    csv = page.get_by_role("link", name="CSV").get_attribute("href")
    response = page.request.get(f"{live_server.url}{csv}")
    assert response.status == 200 and "nr,audience,channel" in response.text()
    assert_accessible(page)
