"""The Mängelmelder in the browser: a resident reports a pothole with a photo, confirms it from the mail,
finds it on the map and in the list, and is mailed when staff mark it fixed; staff work their queue."""

import re

from tests.defects.factories import jpeg, staff_of, stored_report, town_with_categories
from tests.e2e.conftest import PHONE, assert_accessible, login, open_app, run, wait_for_view
from tests.factories import INSIDE
from tests.support.mailbox import body_of, first_link
from tests.support.moderation import post_moderated

SLUG = "taunusstein"


def prepare(municipality):
    async def go():
        await post_moderated(municipality)
        town = await town_with_categories(municipality)
        await staff_of(town)
        await staff_of(town, "bauhof.staff@taunusstein.example", department="bauhof")
        return town

    return run(go())


def test_a_resident_reports_a_pothole_confirms_it_sees_it_and_is_told_when_it_is_fixed(
    new_page, live_server, mailbox, taunusstein
):
    prepare(taunusstein)
    page = new_page()
    open_app(page, live_server, f"#/m/{SLUG}/reports/new", "/m/:slug/reports/new")
    assert_accessible(page)

    page.locator("#pick-map").click()  # a pin where the person clicked: the coordinates are filled in
    assert page.get_by_label("Breitengrad").input_value() != ""
    page.get_by_label("Breitengrad").fill(str(INSIDE["lat"]))
    page.get_by_label("Längengrad").fill(str(INSIDE["lon"]))
    page.get_by_label("Straße, Hausnummer oder Ortsbeschreibung").fill("Aarstraße 12")
    page.get_by_label("Kategorie").select_option(label="Straßen, Geh- und Radwege")
    page.get_by_label("Wie groß ist der Schaden?").select_option(label="groß")
    page.get_by_label("Beschreibung", exact=True).fill("Tiefes Schlagloch auf dem Radweg")
    page.get_by_label("Fotos (bis zu 3)").set_input_files(
        files=[{"name": "loch.jpg", "mimeType": "image/jpeg", "buffer": jpeg(exif_gps=True)}]
    )
    page.get_by_role("img", name="Vorschau: loch.jpg").wait_for()
    page.get_by_label("E-Mail-Adresse").fill("mira@example.org")
    assert_accessible(page)
    page.get_by_role("button", name="Meldung absenden").click()

    wait_for_view(page, "/m/:slug/reports/sent/:id")
    assert page.get_by_role("heading", level=1).inner_text() == "Bitte sehen Sie in Ihr Postfach"
    assert_accessible(page)
    report_id = re.search(r"/sent/(\d+)", page.url).group(1)

    link = first_link(mailbox.wait_for_sync("mira@example.org", "bestätigen"))
    page.goto(link)
    page.get_by_text("Ihre Meldung ist bestätigt").wait_for()
    assert_accessible(page)

    open_app(page, live_server, f"#/m/{SLUG}/reports", "/m/:slug/reports")
    item = page.locator("#report-list").get_by_role("link", name=f"#{report_id} Straßen, Geh- und Radwege")
    item.wait_for()
    page.locator('#reports-map path.leaflet-interactive[fill="#b35c00"]').first.wait_for()  # the open report's dot
    assert_accessible(page)
    item.click()
    wait_for_view(page, "/m/:slug/reports/:id")
    assert "Eingegangen" in page.locator("#report-status").inner_text()
    page.get_by_role("img", name="Foto 1 zur Meldung").wait_for()
    facts = page.locator("dl.facts").inner_text()
    assert "Wie groß ist der Schaden?\ngroß" in facts  # the answer in words, not its key
    assert "mira@example.org" not in page.locator("main").inner_text()
    assert_accessible(page)

    staff = new_page()
    login(staff, live_server, "tiefbau.staff@taunusstein.example")
    open_app(staff, live_server, f"#/m/{SLUG}/reports/{report_id}", "/m/:slug/reports/:id")
    assert "mira@example.org" in staff.locator("main").inner_text()  # the responsible department sees the contact
    assert_accessible(staff)
    other = new_page()
    login(other, live_server, "bauhof.staff@taunusstein.example")
    open_app(other, live_server, f"#/m/{SLUG}/reports/{report_id}", "/m/:slug/reports/:id")
    main = other.locator("main").inner_text()
    assert "sehen nur der zuständige Fachbereich" in other.locator("#contact-withheld").inner_text()
    assert "mira@example.org" not in main and "null" not in main  # another department: told, not shown
    assert "nur lesen" in other.locator("#handled-elsewhere").inner_text()
    assert other.get_by_role("button", name="Stand speichern").count() == 0  # no form the server would refuse
    staff.get_by_role("button", name="Meldung folgen").click()  # staff may follow a report too
    staff.get_by_role("button", name="Nicht mehr folgen").wait_for()
    assert staff.locator("#follow-report").get_attribute("aria-pressed") == "true"
    assert staff.get_by_label("Neuer Stand").input_value() == ""  # nothing preselected
    staff.get_by_label("Neuer Stand").select_option(label="Erledigt")
    staff.get_by_label("Öffentlicher Hinweis").fill("Das Schlagloch ist verfüllt.")
    staff.get_by_role("button", name="Stand speichern").click()
    staff.locator("#history li", has_text="Erledigt").wait_for()

    fixed = mailbox.wait_for_sync("mira@example.org", "Erledigt")
    assert "Das Schlagloch ist verfüllt." in body_of(fixed)
    told_staff = mailbox.wait_for_sync("tiefbau.staff@taunusstein.example", "Erledigt")  # who followed it
    assert "Das Schlagloch ist verfüllt." in body_of(told_staff)
    stop = re.search(r"Keine E-Mails mehr zu dieser Meldung: (\S+)", body_of(fixed))
    assert stop, body_of(fixed)
    unsubscribe = new_page()
    unsubscribe.goto(stop.group(1))  # the reporter has no account: the signed link is enough
    unsubscribe.get_by_text("Sie bekommen hierzu keine E-Mails mehr.").wait_for()
    page.reload()
    wait_for_view(page, "/m/:slug/reports/:id")
    assert "Erledigt" in page.locator("#report-status").inner_text()


def test_staff_file_a_phoned_in_report_and_find_it_in_their_queue(new_page, live_server, mailbox, taunusstein):
    prepare(taunusstein)
    page = new_page()
    login(page, live_server, "tiefbau.staff@taunusstein.example")
    open_app(page, live_server, f"#/m/{SLUG}/reports/on-behalf", "/m/:slug/reports/on-behalf")
    assert_accessible(page)
    page.get_by_label("Wie kam die Meldung?").select_option(label="Telefon")
    page.get_by_label("Stadtteil (ohne Karte)").select_option(label="Wehen")
    page.get_by_label("Straße, Hausnummer oder Ortsbeschreibung").fill("Platter Straße, Höhe Bäckerei")
    page.get_by_label("Kategorie").select_option(label="Straßen, Geh- und Radwege")
    page.get_by_label("Wie groß ist der Schaden?").select_option(label="klein")
    page.get_by_label("Name").fill("Herr Alt")
    page.get_by_label("Telefon", exact=True).fill("06128 999")
    page.get_by_role("button", name="Meldung absenden").click()
    wait_for_view(page, "/m/:slug/reports/sent/:id")
    assert page.get_by_role("heading", level=1).inner_text() == "Danke für Ihre Meldung"

    open_app(page, live_server, f"#/m/{SLUG}/reports/queue", "/m/:slug/reports/queue")
    row = page.locator(".queue-card", has_text="Platter Straße")
    row.wait_for()
    assert "Wehen" in row.inner_text() and "Eingegangen" in row.inner_text()
    assert_accessible(page)
    row.get_by_role("link").first.click()
    wait_for_view(page, "/m/:slug/reports/:id")
    contact = page.locator("section", has=page.locator("#reporter-contact")).inner_text()
    assert "Herr Alt" in contact and "Eingang: Telefon" in contact  # the channel in words, not "phone"


def test_on_a_phone_the_staff_queue_is_a_list_of_cards_without_sideways_scrolling(new_page, live_server, taunusstein):
    town = prepare(taunusstein)
    run(_reports_at(town, ["Aarstraße 150, vor der Einfahrt zum Parkplatz des Supermarkts", "Platter Straße"]))
    page = new_page(PHONE)
    login(page, live_server, "tiefbau.staff@taunusstein.example")
    open_app(page, live_server, f"#/m/{SLUG}/reports/queue", "/m/:slug/reports/queue")
    card = page.locator(".queue-card", has_text="Aarstraße 150")
    card.wait_for()
    assert card.get_by_role("heading").inner_text().startswith("#")  # each card is headed by its number
    assert card.bounding_box()["width"] <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") == 0
    assert_accessible(page)


async def _reports_at(town, streets):
    from defects.tables import Report

    for street in streets:
        report_id = await stored_report(town, INSIDE["lat"], INSIDE["lon"])
        await Report.update({Report.address: street}).where(Report.id == report_id)
