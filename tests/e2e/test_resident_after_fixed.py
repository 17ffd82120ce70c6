"""After "erledigt" in the browser: the reporter gets "Ist der Mangel behoben?", answers "nein" from the mail and
reopens with a reason; the report is back in the staff queue marked reopened; an area-alert subscriber of the
report's district got exactly one mail for it."""

import re

import httpx

from defects.tables import AreaAlert
from geo import services as geo
from tests.defects.factories import multipart, pothole, token_from
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, login, open_app, run, screenshot, wait_for_view
from tests.e2e.test_defect_flows import prepare
from tests.factories import INSIDE, person
from tests.support.mailbox import body_of, first_link

SLUG = "taunusstein"


def test_the_reporter_says_nein_reopens_and_the_department_has_it_back(new_page, live_server, mailbox, taunusstein):
    town = prepare(taunusstein)

    async def subscribe() -> str:
        territory = await geo.territory_of(town.municipality)
        district = territory.district_at(INSIDE["lon"], INSIDE["lat"])
        user_id = await person("ortsbeirat@example.org", name="Olga")
        await AreaAlert(municipality=town.municipality.id, user=user_id, district=district.id).save()
        return district.name

    district = run(subscribe())

    # An anonymous resident files and confirms from the mail (the confirmation makes it count and public).
    api = f"{live_server.url}/api/v1/municipalities/{SLUG}"
    with httpx.Client() as client:
        client.get(f"{api}/defect-categories")  # the CSRF cookie
        csrf = {"x-csrftoken": client.cookies.get("csrftoken", "")}
        filed = client.post(f"{api}/reports", files=multipart(pothole(email="mira@example.org")), headers=csrf)
        assert filed.status_code == 201, filed.text
        report_id = filed.json()["id"]
        confirm = first_link(mailbox.wait_for_sync("mira@example.org", "bestätigen"))
        done = client.post(f"{api}/reports/confirm", json={"token": token_from(confirm)}, headers=csrf)
        assert done.status_code == 200, done.text

    staff = new_page(PHONE)
    login(staff, live_server, "tiefbau.staff@taunusstein.example")
    open_app(staff, live_server, f"#/m/{SLUG}/reports/{report_id}", "/m/:slug/reports/:id")
    staff.get_by_label("Neuer Stand").select_option(label="Erledigt")
    staff.get_by_label("Öffentlicher Hinweis").fill("Das Schlagloch ist verfüllt.")
    staff.get_by_role("button", name="Stand speichern").click()
    staff.locator("#history li", has_text="Erledigt").wait_for()

    question = mailbox.wait_for_sync("mira@example.org", "Ist der Mangel behoben?")
    nein = re.search(r"Nein, nicht behoben: (\S+)", body_of(question))
    assert nein, body_of(question)

    for viewport, name in ((PHONE, "390"), (DESKTOP, "1280")):
        reporter = new_page(viewport)
        reporter.goto(nein.group(1))  # no account, no login: the link's token is enough
        wait_for_view(reporter, "/m/:slug/reports/:id/check/:token/:answer")
        reporter.get_by_text("Der Mangel ist nicht behoben.").wait_for()
        assert_accessible(reporter)
        screenshot(reporter, f"fix-check-nein-{name}")
    reporter.get_by_label("Warum ist der Mangel nicht behoben?").fill("Das Loch ist nach dem Regen wieder da.")
    reporter.get_by_role("button", name="Meldung wieder öffnen").click()
    wait_for_view(reporter, "/m/:slug/reports/:id")
    reporter.locator("#report-reopened").wait_for()
    assert "In Bearbeitung" in reporter.locator("#report-status").inner_text()
    assert "Das Loch ist nach dem Regen wieder da." in reporter.locator("#history").inner_text()
    assert_accessible(reporter)
    screenshot(reporter, "report-reopened-1280")

    told = mailbox.wait_for_sync("tiefbau@taunusstein.example", "Wieder geöffnet")
    assert "Das Loch ist nach dem Regen wieder da." in body_of(told)
    open_app(staff, live_server, f"#/m/{SLUG}/reports/queue", "/m/:slug/reports/queue")
    row = staff.locator(".queue-card", has_text="Aarstraße 12")
    row.wait_for()
    assert "wieder geöffnet" in row.inner_text() and "In Bearbeitung" in row.inner_text()
    assert_accessible(staff)
    screenshot(staff, "queue-reopened-390")

    alerts = [m for m in mailbox.to("ortsbeirat@example.org") if "Neue Meldung" in str(m["Subject"])]
    assert len(alerts) == 1 and district in str(alerts[0]["Subject"])
