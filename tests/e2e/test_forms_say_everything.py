"""Forms that do not fail silently: every problem listed at once, the focus on the summary (which may be far above
the button), each line naming its field; a location picker that knows "Meine Position" and follows typed
coordinates; results that cannot be published while people vote, through an in-page step, and can be taken back."""

from tests.defects.factories import town_with_categories
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, login, open_app, run, screenshot
from tests.factories import INSIDE, OUTSIDE
from tests.proposals.factories import admin_of, close_voting, consultation
from tests.support.moderation import post_moderated

SLUG = "taunusstein"
FOCUS_ON_SUMMARY = "document.activeElement.classList.contains('error-summary')"


def test_registration_lists_every_problem_at_once_and_sends_nothing(new_page, live_server, mailbox, taunusstein):
    page = new_page(PHONE)
    open_app(page, live_server, "#/register", "/register")
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url) if "/auth/register" in r.url else None)
    page.get_by_label("E-Mail-Adresse").fill("anna@")
    page.get_by_label("Passwort").fill("kurz")
    page.get_by_role("button", name="Konto anlegen").click()
    summary = page.locator(".error-summary")
    summary.wait_for()
    lines = summary.locator("li").all_inner_texts()
    assert any(line.startswith("E-Mail-Adresse: Bitte geben Sie eine gültige E-Mail-Adresse an") for line in lines)
    assert "Passwort: Bitte mindestens 10 Zeichen eingeben." in lines
    assert any("Nutzungsbedingungen" in line for line in lines)
    assert len(lines) == 3
    assert page.evaluate(FOCUS_ON_SUMMARY)
    assert requests == []  # checked in the browser: nothing was sent
    summary.get_by_role("link", name="Passwort: Bitte mindestens 10 Zeichen eingeben.").click()
    assert page.evaluate("document.activeElement.name") == "password"
    assert page.url.endswith("#/register")  # the link moved the focus, not the route
    screenshot(page, "register-all-errors-phone")
    assert_accessible(page)


def test_a_report_without_a_place_names_the_place_field_and_takes_the_focus_up(new_page, live_server, taunusstein):
    run(post_moderated(taunusstein))
    run(town_with_categories(taunusstein))
    page = new_page(PHONE)
    open_app(page, live_server, f"#/m/{SLUG}/reports/new", "/m/:slug/reports/new")
    page.get_by_label("E-Mail-Adresse").fill("anna@example.org")
    page.get_by_role("button", name="Meldung absenden").click()
    summary = page.locator(".error-summary")
    summary.wait_for()
    assert page.evaluate(FOCUS_ON_SUMMARY)
    assert summary.is_visible() and summary.bounding_box()["y"] >= -1  # scrolled into view with the focus
    lines = summary.locator("li").all_inner_texts()
    assert (
        "Ort: Bitte wählen Sie den Ort auf der Karte, geben Sie Koordinaten an oder nennen Sie Stadtteil und Straße."
        in lines
    )
    assert any(line.startswith("Kategorie: ") for line in lines)  # both at once
    assert not any(line.count(":") > 1 and "„" in line for line in lines)  # no label said twice
    summary.get_by_role("link", name="Ort: Bitte wählen Sie den Ort", exact=False).click()
    assert page.evaluate("document.activeElement.id") == "pick-map"
    assert_accessible(page)


def test_my_position_inside_the_town_sets_the_pin(new_page, live_server, taunusstein):
    run(post_moderated(taunusstein))
    run(town_with_categories(taunusstein))
    page = new_page(
        DESKTOP, geolocation={"latitude": INSIDE["lat"], "longitude": INSIDE["lon"]}, permissions=["geolocation"]
    )
    open_app(page, live_server, f"#/m/{SLUG}/reports/new", "/m/:slug/reports/new")
    page.get_by_role("button", name="Meine Position").click()
    status = page.locator("#pick-map ~ .picker-status")
    status.get_by_text("Ort gesetzt:").wait_for()
    assert page.get_by_label("Breitengrad").input_value() == f"{INSIDE['lat']:.6f}"
    assert page.get_by_label("Längengrad").input_value() == f"{INSIDE['lon']:.6f}"
    assert page.locator("#pick-map .leaflet-marker-icon").count() == 1
    assert_accessible(page)


def test_my_position_outside_the_town_says_so_and_sets_nothing(new_page, live_server, taunusstein):
    run(post_moderated(taunusstein))
    run(town_with_categories(taunusstein))
    page = new_page(
        DESKTOP, geolocation={"latitude": OUTSIDE["lat"], "longitude": OUTSIDE["lon"]}, permissions=["geolocation"]
    )
    open_app(page, live_server, f"#/m/{SLUG}/reports/new", "/m/:slug/reports/new")
    page.get_by_role("button", name="Meine Position").click()
    status = page.locator("#pick-map ~ .picker-status")
    status.get_by_text("außerhalb von Taunusstein").wait_for()
    assert "Bitte setzen Sie den Ort auf der Karte" in status.inner_text()
    assert page.get_by_label("Breitengrad").input_value() == ""
    assert page.locator("#pick-map .leaflet-marker-icon").count() == 0


def test_typed_coordinates_move_the_map_to_the_pin(new_page, live_server, taunusstein):
    run(post_moderated(taunusstein))
    run(town_with_categories(taunusstein))
    page = new_page(DESKTOP)
    open_app(page, live_server, f"#/m/{SLUG}/reports/new", "/m/:slug/reports/new")
    page.locator("#pick-map").focus()
    for _ in range(4):
        page.keyboard.press("+")  # zoomed in on the middle of the town: its edge is out of sight
    corner = page.evaluate(
        f"fetch('/api/v1/municipalities/{SLUG}').then(r => r.json()).then(m => {{"
        " const g = m.boundary.type === 'Feature' ? m.boundary.geometry : m.boundary;"
        " const ring = g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0][0]; return ring[0]; })"
    )
    page.get_by_label("Breitengrad").fill(f"{corner[1]:.6f}".replace(".", ","))
    page.get_by_label("Längengrad").fill(f"{corner[0]:.6f}")
    page.keyboard.press("Tab")  # the change event
    pin = page.locator("#pick-map .leaflet-marker-icon")
    pin.wait_for()
    frame, box = page.locator("#pick-map").bounding_box(), pin.bounding_box()
    assert frame["x"] <= box["x"] <= frame["x"] + frame["width"]
    assert frame["y"] <= box["y"] <= frame["y"] + frame["height"]


def test_results_wait_for_the_vote_are_published_in_a_second_step_and_can_be_taken_back(
    new_page, live_server, taunusstein
):
    run(post_moderated(taunusstein))
    cid = run(consultation(taunusstein, run(admin_of(taunusstein))))
    page = new_page(PHONE)
    login(page, live_server, "admin@taunusstein.example")
    open_app(page, live_server, f"#/m/{SLUG}/consultations/{cid}", "/m/:slug/consultations/:id")
    results = page.locator("section.results")
    results.get_by_text("Die Abstimmung läuft noch bis").wait_for()
    assert results.get_by_role("button", name="Ergebnisse veröffentlichen").count() == 0

    run(close_voting(cid))
    page.reload()
    page.wait_for_selector("section.results")
    results = page.locator("section.results")
    results.get_by_role("button", name="Ergebnisse veröffentlichen").click()
    step = results.get_by_role("group", name="Ergebnisse veröffentlichen")
    assert "verliert die Markierung „Entwurf“" in step.inner_text() and "24 Stunden" in step.inner_text()
    assert page.evaluate("document.activeElement.textContent") == "Ja, jetzt veröffentlichen"
    screenshot(page, "results-publish-step-phone")
    assert_accessible(page)
    step.get_by_role("button", name="Ja, jetzt veröffentlichen").click()
    results = page.locator("section.results")
    results.get_by_text("Die Ergebnisse sind seit").wait_for()
    results.get_by_role("button", name="Veröffentlichung zurücknehmen").click()
    results.get_by_role("button", name="Ja, zurücknehmen").click()
    page.locator("section.results").get_by_text("noch nicht veröffentlicht").wait_for()
    state = page.evaluate(f"fetch('/api/v1/municipalities/{SLUG}/consultations/{cid}/results').then(r => r.json())")
    assert state["published_at"] is None
    assert_accessible(page)
