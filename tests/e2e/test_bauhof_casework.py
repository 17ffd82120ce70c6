"""The Bauhof worker in the field, on a phone (390×844): filters "mir zugewiesen", opens the report, adds an
internal note, closes it as "erledigt" with an after-photo; every page passes axe; screenshots at 390 and 1280."""

from pathlib import Path

from defects.tables import Report
from tests.defects.factories import jpeg, staff_of, stored_report, town_with_categories
from tests.e2e.conftest import ARTIFACTS, DESKTOP, PHONE, assert_accessible, login, open_app, run, wait_for_view
from tests.factories import INSIDE

BAUHOF = "bauhof@taunusstein.example"


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_the_bauhof_worker_closes_an_assigned_report_with_an_after_photo_on_a_phone(
    live_server, taunusstein, new_page, tmp_path
):
    town = run(town_with_categories(taunusstein))
    worker = run(staff_of(town, BAUHOF, department="bauhof"))
    mine = run(stored_report(town, INSIDE["lat"], INSIDE["lon"], category="beleuchtung"))
    others = [
        run(stored_report(town, INSIDE["lat"] + 0.001 * i, INSIDE["lon"], category="beleuchtung")) for i in (1, 2)
    ]

    async def assign():
        await Report.update(
            {Report.assignee: worker, Report.address: "Aarstraße 150", Report.description: "Laterne flackert"}
        ).where(Report.id == mine)

    run(assign())
    photo = Path(tmp_path / "nachher.jpg")
    photo.write_bytes(jpeg(320, 240))
    ARTIFACTS.mkdir(exist_ok=True)

    page = new_page(PHONE)
    login(page, live_server, BAUHOF)
    open_app(page, live_server, "#/m/taunusstein/reports/queue", "/m/:slug/reports/queue")
    assert page.locator(".queue-card").count() == 3
    assert_accessible(page)
    no_sideways_scroll(page)
    page.get_by_label("Zugewiesen").select_option("me")
    page.get_by_role("button", name="Filter anwenden").click()
    page.wait_for_function("() => location.hash.includes('assigned=me')")
    wait_for_view(page, "/m/:slug/reports/queue")
    page.wait_for_function("() => document.querySelectorAll('.queue-card').length === 1")
    assert "Aarstraße 150" in page.locator(".queue-card").inner_text()
    assert_accessible(page)
    no_sideways_scroll(page)
    page.screenshot(path=str(ARTIFACTS / "casework-queue-390.png"), full_page=True)
    # The map of the filtered list, then back to the list (both kept in the address).
    page.get_by_role("link", name="Karte").click()
    page.locator("#queue-map .report-marker").first.wait_for()
    assert_accessible(page)
    page.go_back()
    wait_for_view(page, "/m/:slug/reports/queue")
    page.wait_for_function("() => document.querySelectorAll('.queue-card').length === 1")

    page.get_by_role("link", name=f"#{mine} Straßenbeleuchtung").click()
    wait_for_view(page, "/m/:slug/reports/:id")
    page.locator("#casework-heading").wait_for()
    page.locator(".internal textarea[name=text]").fill("Leuchtmittel E27 mitnehmen, Hubsteiger nötig.")
    page.get_by_role("button", name="Notiz speichern").click()
    page.locator("#internal-notes", has_text="Hubsteiger").wait_for()
    assert_accessible(page)
    no_sideways_scroll(page)
    page.get_by_label("Neuer Stand", exact=False).first.select_option("erledigt")
    page.get_by_label("Öffentlicher Hinweis").fill("Die Laterne leuchtet wieder.")
    page.get_by_label("Foto nachher (freiwillig)").set_input_files(str(photo))
    page.get_by_role("button", name="Stand speichern").click()
    page.locator("#after-photos img").wait_for()
    page.locator("#report-status", has_text="Erledigt").wait_for()
    assert "Hubsteiger" in page.locator("#internal-notes").inner_text()
    assert_accessible(page)
    no_sideways_scroll(page)
    page.screenshot(path=str(ARTIFACTS / "casework-report-390.png"), full_page=True)

    desk = new_page(DESKTOP)
    login(desk, live_server, BAUHOF)
    open_app(desk, live_server, "#/m/taunusstein/reports/queue?status_group=all", "/m/:slug/reports/queue")
    assert_accessible(desk)
    desk.screenshot(path=str(ARTIFACTS / "casework-queue-1280.png"), full_page=True)
    open_app(desk, live_server, f"#/m/taunusstein/reports/{mine}", "/m/:slug/reports/:id")
    desk.locator("#after-photos img").wait_for()
    desk.screenshot(path=str(ARTIFACTS / "casework-report-1280.png"), full_page=True)
    assert others  # the two others stayed in the unfiltered queue
