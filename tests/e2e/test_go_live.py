"""Going live, tried as a new town's admin would: `municipality-add` and `create-admin` for Idstein, then the
admin works down the back office's checklist in the browser (profile, the four legal pages, a department, a
category with a required question routed to it, a staff invitation, district areas from a file) until every step
is done and the town is listed. A resident files a report there, the department's mail arrives, the invited
colleague sets a password from the mailed link and closes the report, and the resident's page shows it closed.
axe on every page on the way."""

from __future__ import annotations

import json
import re

from shapely.geometry import box, mapping, shape

from backend.cli import create_admin, municipality_add
from tests.e2e.conftest import assert_accessible, login, open_app, run, wait_for_view
from tests.factories import person
from tests.support.mailbox import body_of, first_link

AGS = "06439008"  # Idstein, Rheingau-Taunus-Kreis
SLUG = "idstein"
ADMIN = "rathaus.admin@idstein.example"
ADMIN_PASSWORD = "Idstein Rathaus 2026"
STAFF = "bauhof.nora@idstein.example"
STAFF_PASSWORD = "Bauhof am Zissenbach 7"
BAUHOF = "bauhof@idstein.example"
RESIDENT = "resi@example.org"
STEPS = ["profile", "legal", "departments", "categories", "staff", "districts"]


def checklist_state(page) -> dict[str, str]:
    """Each checklist step and its state as the page says it in words ("Erledigt" / "Offen")."""
    items = page.locator("#admin-checklist li.checklist-item")
    items.first.wait_for()
    return {
        item.get_attribute("data-item"): item.locator(".checklist-state").inner_text().strip("✓○ :")
        for item in items.all()
    }


def open_admin(page, section: str = "") -> None:
    route = f"#/m/{SLUG}/admin" + (f"/{section}" if section else "")
    open_app(page, page.server, route, "/m/:slug/admin" + ("/" + section if section else ""))


def test_a_new_town_goes_live_and_handles_its_first_report(new_page, live_server, mailbox, db, tmp_path):
    run(municipality_add(AGS, None, []))
    run(create_admin(ADMIN, ADMIN_PASSWORD, SLUG, "Ida Rathaus"))
    from geo.services import get_municipality

    town = run(get_municipality(SLUG))
    boundary = shape(json.loads(town.boundary))
    inside = boundary.representative_point()

    admin = new_page()
    admin.server = live_server
    login(admin, live_server, ADMIN, ADMIN_PASSWORD)
    open_admin(admin)
    assert checklist_state(admin) == dict.fromkeys(STEPS, "Offen")
    assert "noch nicht öffentlich gelistet" in admin.locator(".checklist-listing").inner_text()
    assert "Postanschrift, Telefonnummer, E-Mail-Adresse" in admin.locator("li[data-item=profile]").inner_text()
    assert_accessible(admin)

    # Profile: the contact, from the checklist's link.
    admin.locator("li[data-item=profile]").get_by_role("link").click()
    wait_for_view(admin, "/m/:slug/admin/profile")
    assert_accessible(admin)
    admin.get_by_label("Postanschrift").fill("König-Adolf-Platz 2\n65510 Idstein")
    admin.get_by_label("Telefon").fill("06126 78-0")
    admin.get_by_label("E-Mail-Adresse").fill("rathaus@idstein.example")
    admin.get_by_role("button", name="Profil speichern").click()
    admin.get_by_text("Das Profil ist gespeichert.").wait_for()

    # Legal pages: the four from the German templates, published.
    open_admin(admin, "legal")
    assert_accessible(admin)
    for kind in ("impressum", "datenschutz", "barrierefreiheit", "nutzungsbedingungen"):
        section = admin.locator(f'section[data-kind="{kind}"]')
        section.get_by_role("button", name="Deutsche Vorlage einsetzen").click()
        admin.wait_for_function(
            "(kind) => document.querySelector(`section[data-kind=${kind}] textarea`).value.length > 100", arg=kind
        )
        section.get_by_role("button", name="Veröffentlichen").click()
        section.get_by_text("Die Seite ist veröffentlicht.").wait_for()

    # A department with a real address, made the default (the standard categories go to it).
    open_admin(admin, "departments")
    admin.get_by_role("button", name="Neuer Fachbereich").click()
    admin.locator("form input[name=name]").fill("Bauhof")  # the form opens with the focus in the name
    admin.get_by_label("E-Mail-Adressen").first.fill(BAUHOF)
    admin.locator("form input[name=is_default]").check()
    assert_accessible(admin)
    admin.get_by_role("button", name="Speichern").click()
    admin.locator("li.bo-card", has_text="Bauhof").wait_for()
    assert_accessible(admin)

    # A category with a required question, routed to the Bauhof.
    open_admin(admin, "categories")
    admin.get_by_role("button", name="Neue Kategorie").click()
    admin.get_by_label("Code (Open311 service_code)").first.fill("baenke")
    admin.get_by_label("Name (Deutsch)").first.fill("Sitzbänke")
    admin.get_by_label("Name (Englisch)").first.fill("Benches")
    admin.get_by_label("Zuständiger Fachbereich", exact=True).select_option(label="Bauhof")
    admin.get_by_role("button", name="Frage hinzufügen").click()
    admin.get_by_label("Code der Frage").first.fill("geraet")
    admin.get_by_label("Art der Antwort").first.select_option("singlevaluelist")
    admin.get_by_label("Pflichtfrage").first.check()
    admin.get_by_label("Frage (Deutsch)").first.fill("Was ist an der Bank kaputt?")
    admin.get_by_label("Frage (Englisch)").first.fill("What is broken on the bench?")
    admin.get_by_label("Antwortmöglichkeiten").first.fill("lehne | Lehne | Backrest\nsitz | Sitzfläche | Seat")
    assert_accessible(admin)
    admin.get_by_role("button", name="Speichern").click()
    bench = admin.locator("li.bo-card", has_text="Sitzbänke")
    bench.wait_for()
    assert "Geht an: Bauhof" in bench.inner_text()

    # A colleague of the Bauhof, invited.
    open_admin(admin, "people")
    assert_accessible(admin)
    form = admin.locator("form[aria-label='Person einladen']")
    form.get_by_label("E-Mail-Adresse").fill(STAFF)
    form.get_by_label("Name").fill("Nora Bauhof")
    form.get_by_label("Rolle").select_option("staff")
    form.get_by_label("Fachbereich").select_option(label="Bauhof")
    form.get_by_role("button", name="Einladung senden").click()
    admin.get_by_text("Die Einladung ist verschickt").wait_for()
    invitation = mailbox.wait_for_sync(STAFF, "Einladung")

    # District areas from a file: two small squares inside the town.
    west, south, east, north = boundary.bounds
    cx, cy = inside.x, inside.y
    size = min(east - west, north - south) / 20
    squares = [box(cx - size, cy - size, cx, cy + size), box(cx, cy - size, cx + size, cy + size)]
    upload = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"name": name}, "geometry": mapping(square.intersection(boundary))}
            for name, square in zip(["Kernstadt West", "Kernstadt Ost"], squares, strict=True)
        ],
    }
    file = tmp_path / "ortsteile.geojson"
    file.write_text(json.dumps(upload), encoding="utf-8")
    open_admin(admin, "districts")
    admin.set_input_files("input[name=file]", str(file))
    admin.locator("#preview-names").wait_for()
    assert_accessible(admin)
    admin.get_by_role("button", name="Stadtteile speichern").click()
    admin.get_by_text("2 Stadtteile gespeichert.").wait_for()

    # The checklist: every step done, in words, and the town is listed.
    open_admin(admin)
    assert checklist_state(admin) == dict.fromkeys(STEPS, "Erledigt")
    assert "Alles erledigt" in admin.locator(".checklist-progress").inner_text()
    assert "ist öffentlich gelistet" in admin.locator(".checklist-listing").inner_text()
    assert_accessible(admin)

    # A resident finds the town and files a report, answering the required question.
    run(person(RESIDENT, name="Resi Dent"))
    resident = new_page()
    open_app(resident, live_server, "#/", "/")
    resident.get_by_role("link", name="Idstein").first.wait_for()
    login(resident, live_server, RESIDENT)
    open_app(resident, live_server, f"#/m/{SLUG}/reports/new", "/m/:slug/reports/new")
    resident.get_by_label("Breitengrad").fill(f"{inside.y:.6f}")
    resident.get_by_label("Längengrad").fill(f"{inside.x:.6f}")
    resident.get_by_label("Straße, Hausnummer oder Ortsbeschreibung").fill("Bank am Zissenbach")
    resident.get_by_label("Kategorie").select_option(label="Sitzbänke")
    resident.get_by_label("Beschreibung", exact=True).fill("Die Lehne der Bank ist gebrochen.")
    resident.get_by_role("button", name="Meldung absenden").click()
    resident.get_by_text("Was ist an der Bank kaputt?").first.wait_for()  # the required question is named ...
    resident.get_by_label("Was ist an der Bank kaputt?").select_option(label="Lehne")  # ... and answered
    assert_accessible(resident)
    resident.get_by_role("button", name="Meldung absenden").click()
    wait_for_view(resident, "/m/:slug/reports/sent/:id")
    assert_accessible(resident)
    report_id = re.search(r"/sent/(\d+)", resident.url).group(1)
    routed = mailbox.wait_for_sync(BAUHOF, f"#{report_id}")
    assert "Die Lehne der Bank ist gebrochen." in body_of(routed)

    # The colleague sets a password from the invitation and closes the report.
    staff = new_page()
    staff.goto(first_link(invitation))
    wait_for_view(staff, "/invite/:token")
    assert_accessible(staff)
    staff.get_by_label("Ihr neues Passwort").fill(STAFF_PASSWORD)
    staff.get_by_role("button", name="Passwort festlegen und anmelden").click()
    staff.get_by_text("Ihr Passwort ist festgelegt und Sie sind angemeldet").wait_for()
    open_app(staff, live_server, f"#/m/{SLUG}/reports/{report_id}", "/m/:slug/reports/:id")
    assert_accessible(staff)
    staff.get_by_label("Neuer Stand").select_option(label="Erledigt")
    staff.get_by_label("Öffentlicher Hinweis").fill("Die Lehne ist ersetzt.")
    staff.get_by_role("button", name="Stand speichern").click()
    staff.locator("#history li", has_text="Erledigt").wait_for()

    # The resident is told it is closed, with the note, and follows it on its page: a new town's report is not
    # public before moderation, but its reporter sees it (with a note that it waits).
    closed = mailbox.wait_for_sync(RESIDENT, "Erledigt")
    assert "Die Lehne ist ersetzt." in body_of(closed)
    open_app(resident, live_server, f"#/m/{SLUG}/reports/{report_id}", "/m/:slug/reports/:id")
    assert resident.locator("#report-status").inner_text() == "Erledigt"
    assert "wird geprüft" in resident.locator("#report-waiting").inner_text()
    assert "Die Lehne ist ersetzt." in resident.locator("#history").inner_text()
    assert_accessible(resident)
