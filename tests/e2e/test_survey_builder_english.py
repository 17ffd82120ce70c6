"""The survey builder: English texts in a collapsed "English (optional)" part per question and section, and
questions moved up and down by keyboard. The answering page then reads English, German where English is missing.
Accessible (axe) with the English parts open; works at 390 px."""

from __future__ import annotations

import json

from geo.roles import Role
from surveys.tables import Survey
from tests.e2e.conftest import PHONE, VIEWPORTS, assert_accessible, login, open_app, run, wait_for_view
from tests.factories import person

ADMIN = "admin@taunusstein.example"
BUILDER = "/m/:slug/admin/surveys/:id"


def test_an_admin_adds_english_and_reorders_by_keyboard_and_the_english_page_shows_it(
    new_page, live_server, taunusstein
):
    run(person(ADMIN, roles=(Role.ADMIN,), municipality=taunusstein))
    page = new_page(VIEWPORTS["phone"])
    login(page, live_server, ADMIN)
    open_app(page, live_server, "#/m/taunusstein/admin/surveys/new", BUILDER)
    page.get_by_label("Titel (Deutsch)").fill("Stadtbus")
    page.get_by_label("Titel (Englisch)").fill("Town bus")
    page.get_by_label("Einleitung (Deutsch)", exact=False).first.fill("Wir speichern Ihre Antworten ohne Namen.")
    page.get_by_label("Überschrift des Abschnitts").fill("Der Bus")
    first = page.locator("fieldset.builder-question").first
    english = first.locator("details.builder-english")
    assert english.get_attribute("open") is None  # collapsed until wanted
    first.get_by_label("Fragetext").fill("Wie oft fahren Sie Bus?")
    first.get_by_label("Kürzel (für Auswertung und Export)").fill("oft")
    first.get_by_label("Antworten (eine je Zeile)").fill("Täglich\nNie")
    english.locator("summary").focus()
    page.keyboard.press("Enter")  # opens the disclosure by keyboard
    first.get_by_label("Frage auf Englisch").fill("How often do you take the bus?")
    first.get_by_label("Antworten auf Englisch", exact=False).fill("Daily\n")  # "Nie" stays German
    section = page.locator("fieldset.builder-section").first.locator("details.builder-english").first
    section.locator("summary").click()
    page.get_by_label("Abschnittsüberschrift auf Englisch").fill("The bus")

    page.get_by_role("button", name="Frage hinzufügen (Abschnitt 1)").click()
    second = page.locator("fieldset.builder-question").nth(1)
    second.get_by_label("Fragetext").fill("Ihr Wunsch")
    second.get_by_label("Kürzel (für Auswertung und Export)").fill("wunsch")
    second.get_by_label("Art der Frage").select_option("long_text")
    assert page.get_by_role("button", name="Frage 1 nach oben").get_attribute("aria-disabled") == "true"
    page.get_by_role("button", name="Frage 2 nach oben").focus()
    page.keyboard.press("Enter")
    page.get_by_role("status").filter(has_text="„Ihr Wunsch“ steht jetzt eine Stelle weiter oben.").wait_for()
    # the moved question is first now: its "up" is off, so focus waits on its "down"
    assert page.evaluate("document.activeElement.textContent") == "Frage 1 nach unten"
    questions = page.locator("fieldset.builder-question")
    assert questions.first.get_by_label("Fragetext").input_value() == "Ihr Wunsch"
    assert questions.nth(1).get_by_label("Frage auf Englisch").input_value() == "How often do you take the bus?"
    page.keyboard.press("Enter")  # and back down again
    page.get_by_role("status").filter(has_text="weiter unten").wait_for()
    assert page.evaluate("document.activeElement.textContent") == "Frage 2 nach oben"
    page.keyboard.press("Enter")  # up once more: the wish comes first
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
    page.get_by_role("button", name="Entwurf speichern").click()
    wait_for_view(page, "/m/:slug/admin/surveys")

    row = run(Survey.select(Survey.id, Survey.definition).first())
    definition = json.loads(row["definition"])
    section = definition["sections"][0]
    assert section["title"] == {"de": "Der Bus", "en": "The bus"}
    assert [q["code"] for q in section["questions"]] == ["wunsch", "oft"]
    often = section["questions"][1]
    assert often["text"] == {"de": "Wie oft fahren Sie Bus?", "en": "How often do you take the bus?"}
    assert [c["label"] for c in often["choices"]] == [{"de": "Täglich", "en": "Daily"}, {"de": "Nie", "en": None}]

    run(Survey.update({Survey.status: "open"}).where(Survey.id == row["id"]))
    phone = new_page(PHONE)
    login(phone, live_server, ADMIN)
    open_app(phone, live_server, f"#/m/taunusstein/surveys/{row['id']}", "/m/:slug/surveys/:id")
    phone.get_by_role("button", name="Switch to English").click()
    phone.get_by_role("heading", name="Town bus").wait_for()
    phone.get_by_role("button", name="Start the survey").click()
    phone.get_by_role("heading", name="The bus").wait_for()
    main = phone.locator("main").inner_text()
    assert "How often do you take the bus?" in main and "Daily" in main
    assert "Nie" in main and "Ihr Wunsch" in main  # no English given: German
    assert_accessible(phone)

    # Running, the survey's questions are shown to read: nothing to type into, nothing to save.
    open_app(page, live_server, "#/m/taunusstein/admin/surveys", "/m/:slug/admin/surveys")
    page.reload()  # the survey was opened in the database, behind the page's back
    wait_for_view(page, "/m/:slug/admin/surveys")
    card = page.locator(f"li[data-survey='{row['id']}']")
    assert card.get_by_role("link", name="Ergebnisse").get_attribute("href").endswith(f"/surveys/{row['id']}/results")
    card.get_by_role("link", name="Fragen ansehen").click()
    wait_for_view(page, BUILDER)
    assert "kein Entwurf mehr: sie läuft" in page.locator("#survey-not-draft").inner_text()
    assert page.get_by_role("heading", name="Stadtbus").is_visible()
    assert page.get_by_role("button", name="Entwurf speichern").count() == 0
    assert page.get_by_label("Titel (Deutsch)").is_disabled()
    assert_accessible(page)
