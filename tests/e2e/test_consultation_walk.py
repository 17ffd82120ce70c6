"""The participation walk in the browser: a resident proposes, another comments and votes, an admin answers,
and the first resident gets the mail. axe checks every page on the way."""

import pytest

from geo.roles import Role
from tests.e2e.conftest import assert_accessible, login, open_app, run, wait_for_view
from tests.factories import person
from tests.proposals.factories import admin_of, consultation
from tests.support.mailbox import body_of
from tests.support.moderation import post_moderated


@pytest.fixture
def scene(taunusstein):
    run(post_moderated(taunusstein))
    admin = run(admin_of(taunusstein))
    cid = run(consultation(taunusstein, admin, vote_limit=3, support_threshold=1))
    run(person("anna@example.org", roles=(Role.RESIDENT,), municipality=taunusstein, name="Anna"))
    run(person("ben@example.org", roles=(Role.RESIDENT,), municipality=taunusstein, name="Ben"))
    return cid


def photo(folder, name, colour):
    from PIL import Image

    path = folder / name
    Image.new("RGB", (64, 48), colour).save(path)
    return str(path)


@pytest.mark.browser
def test_propose_comment_vote_answer_and_mail(page, live_server, mailbox, scene, tmp_path):
    cid = scene
    open_app(page, live_server, "#/m/taunusstein/consultations", "/m/:slug/consultations")
    assert_accessible(page)
    page.get_by_role("link", name="Neugestaltung Platz der Deutschen Einheit").click()
    wait_for_view(page, "/m/:slug/consultations/:id")
    assert "Jetzt mitmachen" in page.locator(".timeline").inner_text()
    assert_accessible(page)

    # Anna proposes, choosing a district instead of a pin (the keyboard way).
    login(page, live_server, "anna@example.org")
    open_app(page, live_server, f"#/m/taunusstein/consultations/{cid}/new", "/m/:slug/consultations/:id/new")
    assert_accessible(page)
    page.get_by_label("Titel").fill("Trinkbrunnen am Platz")
    page.get_by_label("Beschreibung").fill("Im Sommer für alle.")
    page.get_by_label("Stadtteil wählen").check()
    page.get_by_label("Stadtteil", exact=True).select_option(label="Wehen")
    page.locator("input[name=photos]").set_input_files([photo(tmp_path, "brunnen.png", "blue")])
    page.get_by_role("button", name="Vorschlag einreichen").click()
    wait_for_view(page, "/m/:slug/proposals/:id")
    assert page.get_by_role("heading", level=1).inner_text() == "Trinkbrunnen am Platz"
    assert "Wehen" in page.locator("main").inner_text()
    assert page.locator("main img").count() == 1
    assert_accessible(page)
    # Until someone reacts, Anna may still change it.
    page.get_by_role("link", name="Bearbeiten").click()
    wait_for_view(page, "/m/:slug/proposals/:id/edit")
    assert page.locator("input[name=title]").input_value() == "Trinkbrunnen am Platz"
    assert_accessible(page)
    page.locator("textarea[name=body]").fill("Im Sommer für alle, auch für Hunde.")
    page.get_by_role("button", name="Vorschlag einreichen").click()
    wait_for_view(page, "/m/:slug/proposals/:id")
    assert "auch für Hunde" in page.locator(".proposal-body").inner_text()
    proposal_url = page.url
    page.context.clear_cookies()  # log out: the next person uses the same browser
    page.goto("about:blank")

    # Ben comments and supports it.
    login(page, live_server, "ben@example.org")
    page.goto(proposal_url)
    wait_for_view(page, "/m/:slug/proposals/:id")
    page.get_by_role("textbox", name="Ihr Kommentar").fill("Sehr gute Idee!")
    page.get_by_label("Ihre Haltung").select_option("pro")
    page.get_by_role("button", name="Kommentar senden").click()
    page.get_by_text("Sehr gute Idee!").wait_for()
    comment = page.locator("#comments > li").first
    comment.get_by_role("button", name="Ändern").click()
    comment.get_by_role("textbox").fill("Sehr gute Idee, bitte mit Schatten!")
    comment.get_by_role("button", name="Änderung speichern").click()
    page.get_by_text("Sehr gute Idee, bitte mit Schatten!").wait_for()
    assert "geändert" in page.locator("#comments > li").first.inner_text()
    page.get_by_role("button", name="Unterstützen").click()
    page.get_by_text("Sie haben abgestimmt.").wait_for()
    assert "1 Unterstützung" in page.locator("#proposal-counts").inner_text()
    assert "erfolgreich" in page.locator("#proposal-counts").inner_text()
    assert_accessible(page)

    # The admin answers and publishes.
    page.context.clear_cookies()
    page.goto("about:blank")
    login(page, live_server, "admin@taunusstein.example")
    open_app(page, live_server, f"#/m/taunusstein/consultations/{cid}/answers", "/m/:slug/consultations/:id/answers")
    assert_accessible(page)
    card = page.locator(".card", has_text="Trinkbrunnen am Platz")
    card.get_by_label("Status").select_option("accepted")
    card.get_by_label("Antwort", exact=True).fill("Wir bauen ihn im Frühjahr.")
    card.get_by_role("button", name="Antwort veröffentlichen").click()
    page.locator(".card", has_text="veröffentlicht").first.wait_for()

    # Anna gets the mail; the answer is public on the proposal page.
    mail = mailbox.wait_for_sync("anna@example.org", "Bürgerbeteiligung")
    text = body_of(mail)
    assert "Trinkbrunnen am Platz" in text and "angenommen" in text and "/#/unsubscribe/" in text
    page.goto(proposal_url)
    wait_for_view(page, "/m/:slug/proposals/:id")
    assert "Wir bauen ihn im Frühjahr." in page.locator(".answer").inner_text()
    assert_accessible(page)


@pytest.mark.browser
def test_an_admin_creates_a_consultation_with_a_phase(page, live_server, taunusstein):
    run(admin_of(taunusstein))
    login(page, live_server, "admin@taunusstein.example")
    open_app(page, live_server, "#/m/taunusstein/consultations/new", "/m/:slug/consultations/new")
    assert_accessible(page)
    page.locator("input[name=title]").fill("Radverkehrskonzept Taunusstein")
    page.get_by_label("Status").select_option("published")
    page.locator("input[name=phase_name_0]").fill("Vorschläge")
    page.locator("input[name=phase_starts_0]").fill("2026-01-01T10:00")
    page.locator("input[name=phase_ends_0]").fill("2030-01-01T10:00")
    page.get_by_label("Vorschläge machen").check()
    page.get_by_label("Ausgewählte Stadtteile").check()
    page.get_by_label("Wehen").check()
    page.get_by_role("button", name="Speichern").click()
    wait_for_view(page, "/m/:slug/consultations/:id")
    assert page.get_by_role("heading", level=1).inner_text() == "Radverkehrskonzept Taunusstein"
    assert page.get_by_role("link", name="Vorschlag machen").is_visible()
    assert_accessible(page)
    cid = page.url.rsplit("/", 1)[-1]
    saved = page.evaluate(f"fetch('/api/v1/municipalities/taunusstein/consultations/{cid}').then(r => r.json())")
    assert saved["area_kind"] == "districts" and len(saved["area_districts"]) == 1

    # The consultations list offers the mail settings to people who are logged in.
    open_app(page, live_server, "#/m/taunusstein/consultations", "/m/:slug/consultations")
    page.get_by_label("Wie möchten Sie informiert werden?").select_option("daily")
    page.get_by_role("button", name="Speichern").click()
    page.get_by_text("Gespeichert.").wait_for()
    assert page.evaluate("fetch('/api/v1/me/notifications').then(r => r.json())")["mode"] == "daily"
    assert_accessible(page)


@pytest.mark.browser
def test_an_admin_draws_the_area_on_the_map(page, live_server, taunusstein):
    run(admin_of(taunusstein))
    login(page, live_server, "admin@taunusstein.example")
    open_app(page, live_server, "#/m/taunusstein/consultations/new", "/m/:slug/consultations/new")
    page.locator("input[name=title]").fill("Spielplatz Wehen")
    area = page.locator("#area-map")
    box = area.bounding_box()
    for dx, dy in [(0.45, 0.45), (0.55, 0.45), (0.55, 0.55), (0.45, 0.55)]:
        area.click(position={"x": box["width"] * dx, "y": box["height"] * dy})
    page.get_by_text("4 Ecken gesetzt.").wait_for()
    assert page.get_by_label("Eine gezeichnete Fläche").is_checked()
    assert_accessible(page)
    page.get_by_role("button", name="Speichern").click()
    wait_for_view(page, "/m/:slug/consultations/:id")
    cid = page.url.rsplit("/", 1)[-1]
    saved = page.evaluate(f"fetch('/api/v1/municipalities/taunusstein/consultations/{cid}').then(r => r.json())")
    assert saved["area_kind"] == "polygon" and len(saved["area_polygon"]["coordinates"][0]) == 5
