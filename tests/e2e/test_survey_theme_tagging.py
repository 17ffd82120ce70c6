"""Staff sort a closed survey's approved text answers into themes on a phone, by keyboard; once published,
everyone reads how many answers each theme holds. Accessible (axe) at 390 px."""

from __future__ import annotations

from geo.roles import Role
from tests.e2e.conftest import VIEWPORTS, assert_accessible, login, open_app, run
from tests.factories import person
from tests.survey_results.factories import set_status, stored_responses, stored_survey
from tests.survey_results.sample import DEFINITION, RECORDS, record

VIEW = "/m/:slug/surveys/:id/results"
STAFF = "bauhof@taunusstein.example"


def closed_survey(municipality) -> int:
    async def make() -> int:
        sid = await stored_survey(municipality.id, DEFINITION, status="closed")
        more = [record(100 + i, {"often": "daily", "happy": 3}) for i in range(6)]
        await stored_responses(sid, [*RECORDS, *more], ["notes", "channels_other"])
        return sid

    return run(make())


def rows_of(table) -> list[list[str]]:
    return table.locator("tbody tr").evaluate_all(
        "rows => rows.map(r => [...r.children].map(c => c.textContent.trim()))"
    )


def test_staff_tag_answers_by_keyboard_on_a_phone_and_everyone_reads_the_counts(new_page, live_server, taunusstein):
    run(person(STAFF, roles=(Role.STAFF,), municipality=taunusstein))
    sid = closed_survey(taunusstein)
    page = new_page(VIEWPORTS["phone"])
    login(page, live_server, STAFF)
    open_app(page, live_server, f"#/m/taunusstein/surveys/{sid}/results", VIEW)
    manager = page.locator("section[aria-labelledby=sth-manage]")
    assert "Noch kein Thema angelegt." in manager.inner_text()
    notes = page.locator("section[aria-labelledby=q-notes]")
    assert "Legen Sie oben zuerst ein Thema an" in notes.inner_text()

    for german, english in (("Netz", "Network"), ("Wünsche", "")):
        manager.get_by_label("Name des Themas (Deutsch)").focus()
        page.keyboard.type(german)
        page.keyboard.press("Tab")
        page.keyboard.type(english)
        page.keyboard.press("Enter")
        page.get_by_role("status").filter(has_text=f"Thema „{german}“ angelegt.").wait_for()
    assert "Netz (0 Antworten)" in manager.inner_text()

    first = notes.get_by_role("group", name="Themen für Antwort 1")
    assert "Mehr WLAN" in notes.locator("li").first.inner_text()
    first.get_by_label("Netz").focus()
    page.keyboard.press("Space")
    page.get_by_role("status").filter(has_text="Antwort 1: Themen gespeichert.").wait_for()
    page.keyboard.press("Tab")  # to "Wünsche" of the same answer
    page.keyboard.press("Space")
    notes.get_by_role("group", name="Themen für Antwort 2").get_by_label("Netz").check()
    page.get_by_role("status").filter(has_text="Antwort 2: Themen gespeichert.").wait_for()
    table = notes.get_by_role("table", name="Was möchten Sie uns sagen?: freigegebene Antworten nach Thema")
    assert rows_of(table) == [["Netz", "2"], ["Wünsche", "1"]]
    assert "0171" not in page.locator("main").inner_text()  # pending answers never reach the page
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)

    run(set_status(sid, "results_published"))
    page = new_page(VIEWPORTS["phone"])  # someone without an account
    open_app(page, live_server, f"#/m/taunusstein/surveys/{sid}/results", VIEW)
    assert page.locator("section[aria-labelledby=sth-manage]").count() == 0  # no tagging for residents
    notes = page.locator("section[aria-labelledby=q-notes]")
    assert notes.locator("input[type=checkbox]").count() == 0
    assert "Themen: Netz, Wünsche" in notes.inner_text()
    rows = notes.get_by_role("table", name="Was möchten Sie uns sagen?: freigegebene Antworten nach Thema")
    assert rows_of(rows) == [["Netz", "2"], ["Wünsche", "1"]]
    assert_accessible(page)
