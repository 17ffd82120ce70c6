"""Issue 13's "Done when" as one walk, in the browser as people would do it: a resident finds the spot by typing a
street and files a broken street light; an Ortsbeirat member who subscribed to the district gets one mail; the
Bauhof worker, on a phone, takes the report, filters "mir zugewiesen", adds an internal note and closes it with
an after-photo; the reporter answers "nein" from the mail and reopens; the report is back in the Bauhof's queue
marked reopened. Real database (SQLite or PostgreSQL), real SMTP (aiosmtpd), axe on every page."""

import re

from defects.tables import AreaAlert
from geo import services as geo
from geo.addresses import importing
from tests.defects.factories import jpeg, staff_of, town_with_categories
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, login, open_app, run, screenshot, wait_for_view
from tests.e2e.test_address_search import CSV, LAT, LON
from tests.factories import person
from tests.support.mailbox import body_of, first_link
from tests.support.moderation import post_moderated

SLUG = "taunusstein"
BAUHOF = "bauhof@taunusstein.example"


def test_from_typing_a_street_to_reopened_in_the_queue(new_page, live_server, mailbox, taunusstein, tmp_path):
    async def people() -> str:
        await post_moderated(taunusstein)
        town = await town_with_categories(taunusstein)
        rows, _ = importing.parse(CSV.encode(), await geo.territory_of(taunusstein))
        await importing.replace_register(taunusstein.id, rows, licence="CC0-1.0", attribution="Testdaten")
        await staff_of(town, BAUHOF, department="bauhof")
        territory = await geo.territory_of(taunusstein)
        district = territory.district_at(LON, LAT)
        assert district is not None
        olga = await person("ortsbeirat@example.org", name="Olga")
        await AreaAlert(municipality=taunusstein.id, user=olga, district=district.id).save()
        return district.name

    district = run(people())

    # The resident types a street, picks the house, files and confirms from the mail.
    resident = new_page(DESKTOP)
    open_app(resident, live_server, f"#/m/{SLUG}/reports/new", "/m/:slug/reports/new")
    assert "Suchen Sie oben eine Adresse" in resident.locator("form").first.inner_text()
    search = resident.get_by_role("combobox", name="Adresse suchen")
    search.fill("Aarstraße 150")
    resident.get_by_role("option", name="Aarstraße 150, 65232 Wehen").click()
    assert resident.get_by_label("Straße, Hausnummer oder Ortsbeschreibung").input_value() == (
        "Aarstraße 150, 65232 Wehen"
    )
    resident.get_by_label("Kategorie").select_option(label="Straßenbeleuchtung")
    resident.get_by_label("Beschreibung", exact=True).fill("Die Laterne vor Nummer 150 flackert.")
    resident.get_by_label("E-Mail-Adresse").fill("mira@example.org")
    assert_accessible(resident)
    resident.get_by_role("button", name="Meldung absenden").click()
    wait_for_view(resident, "/m/:slug/reports/sent/:id")
    report_id = int(re.search(r"/sent/(\d+)", resident.url).group(1))
    resident.goto(first_link(mailbox.wait_for_sync("mira@example.org", "bestätigen")))
    resident.get_by_text("Ihre Meldung ist bestätigt").wait_for()

    # The subscriber of the district hears of it once.
    alert = mailbox.wait_for_sync("ortsbeirat@example.org", "Neue Meldung")
    assert district in str(alert["Subject"]) and "Aarstraße 150" in body_of(alert)

    # The Bauhof worker on a phone: takes it, filters "mir zugewiesen", notes, closes with an after-photo.
    worker = new_page(PHONE)
    login(worker, live_server, BAUHOF)
    open_app(worker, live_server, f"#/m/{SLUG}/reports/{report_id}", "/m/:slug/reports/:id")
    worker.locator("#casework-heading").wait_for()
    worker.get_by_label("Zuständige Person").select_option(label="Resi Dent")
    worker.get_by_role("button", name="Zuweisung speichern").click()
    worker.get_by_text("Zuständige Person: Resi Dent").wait_for()
    open_app(worker, live_server, f"#/m/{SLUG}/reports/queue", "/m/:slug/reports/queue")
    worker.get_by_label("Zugewiesen").select_option("me")
    worker.get_by_role("button", name="Filter anwenden").click()
    worker.wait_for_function("() => location.hash.includes('assigned=me')")
    wait_for_view(worker, "/m/:slug/reports/queue")
    card = worker.locator(".queue-card", has_text="Aarstraße 150")
    card.wait_for()
    assert worker.locator(".queue-card").count() == 1
    assert_accessible(worker)
    worker.get_by_role("link", name=f"#{report_id} Straßenbeleuchtung").click()
    wait_for_view(worker, "/m/:slug/reports/:id")
    worker.locator(".internal textarea[name=text]").fill("Leuchtmittel E27 mitnehmen.")
    worker.get_by_role("button", name="Notiz speichern").click()
    worker.locator("#internal-notes", has_text="E27").wait_for()
    photo = tmp_path / "nachher.jpg"
    photo.write_bytes(jpeg(320, 240))
    worker.get_by_label("Neuer Stand", exact=False).first.select_option("erledigt")
    worker.get_by_label("Öffentlicher Hinweis").fill("Die Laterne leuchtet wieder.")
    worker.get_by_label("Foto nachher (freiwillig)").set_input_files(str(photo))
    worker.get_by_role("button", name="Stand speichern").click()
    worker.locator("#after-photos img").wait_for()
    worker.locator("#report-status", has_text="Erledigt").wait_for()
    assert_accessible(worker)
    screenshot(worker, "walk-closed-390")

    # The reporter: "Ist der Mangel behoben?" – "nein", and reopens with a reason.
    question = mailbox.wait_for_sync("mira@example.org", "Ist der Mangel behoben?")
    nein = re.search(r"Nein, nicht behoben: (\S+)", body_of(question))
    assert nein, body_of(question)
    resident.goto(nein.group(1))
    wait_for_view(resident, "/m/:slug/reports/:id/check/:token/:answer")
    resident.get_by_text("Der Mangel ist nicht behoben.").wait_for()
    assert_accessible(resident)
    resident.get_by_label("Warum ist der Mangel nicht behoben?").fill("Sie flackert nach zwei Tagen wieder.")
    resident.get_by_role("button", name="Meldung wieder öffnen").click()
    wait_for_view(resident, "/m/:slug/reports/:id")
    resident.locator("#report-reopened").wait_for()
    assert_accessible(resident)

    # Back in the Bauhof's queue, marked reopened (and still the worker's).
    open_app(worker, live_server, f"#/m/{SLUG}/reports/queue?assigned=me", "/m/:slug/reports/queue")
    card = worker.locator(".queue-card", has_text="Aarstraße 150")
    card.wait_for()
    assert "wieder geöffnet" in card.inner_text()
    assert_accessible(worker)
    screenshot(worker, "walk-reopened-390")

    alerts = [m for m in mailbox.to("ortsbeirat@example.org") if "Neue Meldung" in str(m["Subject"])]
    assert len(alerts) == 1
