"""The survey walk in the browser: an admin builds a survey with a condition and a matrix and makes invitation
codes for businesses; a resident answers on a phone by keyboard; a business answers with a code and a second
answer with the same code is refused; staff type in a paper answer; the admin closes. axe checks on the way."""

import pytest

from geo.roles import Role
from surveys.storage import load_responses
from surveys.tables import Survey
from tests.e2e.conftest import PHONE, assert_accessible, login, open_app, run, wait_for_view
from tests.factories import person

ADMIN = "admin@taunusstein.example"


@pytest.fixture
def scene(taunusstein):
    run(person(ADMIN, roles=(Role.ADMIN,), municipality=taunusstein, name="Verwaltung"))
    run(person("anna@example.org", roles=(Role.RESIDENT,), municipality=taunusstein, name="Anna"))
    run(person("bauhof@taunusstein.example", roles=(Role.STAFF,), municipality=taunusstein, name="Bauhof"))
    return taunusstein


def build(page):
    page.get_by_label("Titel (Deutsch)").fill("Digitale Stadt: Wo sollen wir anfangen?")
    page.get_by_label("Einleitung (Deutsch)", exact=False).first.fill("Wir speichern Ihre Antworten ohne Namen.")
    page.get_by_label("Unternehmen").check()
    page.get_by_label("Einladungscodes").check()
    page.get_by_label("Überschrift des Abschnitts").fill("Heute")
    page.get_by_label("Fragetext").fill("Haben Sie schon etwas online beantragt?")
    page.get_by_label("Kürzel (für Auswertung und Export)").fill("online")
    page.get_by_label("Art der Frage").select_option("yes_no")
    page.get_by_label("Pflichtfrage").check()
    page.get_by_role("button", name="Frage hinzufügen (Abschnitt 1)").click()
    second = page.locator("fieldset.builder-question").nth(1)
    second.get_by_label("Fragetext").fill("Wie wichtig ist Ihnen …")
    second.get_by_label("Kürzel (für Auswertung und Export)").fill("wichtig")
    second.get_by_label("Art der Frage").select_option("matrix")
    second = page.locator("fieldset.builder-question").nth(1)
    second.get_by_label("Zeilen der Tabelle (eine je Zeile)").fill("Freies WLAN\nOnline-Termine")
    second.get_by_label("Nur zeigen, wenn").select_option("online")
    second = page.locator("fieldset.builder-question").nth(1)
    second.get_by_label("… und die Antwort ist").select_option(label="Ja")
    page.get_by_role("button", name="Abschnitt hinzufügen").click()
    page.locator("fieldset.builder-section").nth(1).get_by_label("Überschrift des Abschnitts").fill("Wünsche")
    third = page.locator("fieldset.builder-section").nth(1).locator("fieldset.builder-question").first
    third.get_by_label("Fragetext").fill("Ihr Wunsch")
    third.get_by_label("Kürzel (für Auswertung und Export)").fill("wunsch")
    third.get_by_label("Art der Frage").select_option("long_text")
    page.get_by_role("button", name="Entwurf speichern").click()


@pytest.mark.browser
def test_build_answer_by_keyboard_code_paper_and_close(page, new_page, live_server, scene):
    login(page, live_server, ADMIN)
    open_app(page, live_server, "#/m/taunusstein/admin/surveys/new", "/m/:slug/admin/surveys/:id")
    assert_accessible(page)
    build(page)
    wait_for_view(page, "/m/:slug/admin/surveys")
    survey = run(Survey.select(Survey.id, Survey.definition).first())
    assert '"condition":{"question":"online","operator":"is","value":true}' in survey["definition"].replace(" ", "")
    sid = survey["id"]
    page.get_by_role("button", name="Starten: Digitale Stadt: Wo sollen wir anfangen?").click()
    page.get_by_role("button", name="Beenden: Digitale Stadt: Wo sollen wir anfangen?").wait_for()
    page.get_by_label("Gruppe").first.select_option("businesses")  # the first form prints, the second mails
    page.get_by_label("Anzahl").fill("2")
    page.get_by_role("button", name="Codes erzeugen").click()
    page.locator(".survey-codes code").first.wait_for()
    codes = page.locator(".survey-codes code").all_inner_texts()
    assert len(codes) == 2
    assert_accessible(page)

    # Anna answers on her phone with the keyboard only.
    phone = new_page(PHONE)
    login(phone, live_server, "anna@example.org")
    open_app(phone, live_server, f"#/m/taunusstein/surveys/{sid}", "/m/:slug/surveys/:id")
    assert "Was wir speichern" in phone.locator("main").inner_text()
    assert_accessible(phone)
    phone.get_by_role("button", name="Umfrage beginnen").focus()
    phone.keyboard.press("Enter")
    phone.get_by_text("Abschnitt 1 von 2").wait_for()
    assert not phone.locator("[data-field=wichtig]").is_visible()  # hidden until "Ja"
    phone.get_by_role("button", name="Weiter").focus()
    phone.keyboard.press("Enter")
    summary = phone.locator(".error-summary")
    summary.wait_for()
    assert "Bitte beantworten Sie diese Frage." in summary.inner_text()
    assert_accessible(phone)
    phone.get_by_label("Ja").focus()
    phone.keyboard.press("Space")
    assert phone.locator("[data-field=wichtig]").is_visible()
    for item in ("Freies WLAN", "Online-Termine"):
        row = phone.locator("fieldset.matrix-item", has_text=item)
        row.locator("input").first.focus()
        phone.keyboard.press("ArrowRight")  # radio groups move with the arrows: 2
        phone.keyboard.press("ArrowRight")  # 3
    phone.get_by_role("button", name="Weiter").focus()
    phone.keyboard.press("Enter")
    phone.get_by_text("Abschnitt 2 von 2").wait_for()
    phone.get_by_label("Ihr Wunsch").focus()
    phone.keyboard.type("Schnelles Internet überall")
    phone.get_by_role("button", name="Antworten absenden").focus()
    phone.keyboard.press("Enter")
    phone.get_by_role("heading", name="Vielen Dank für Ihre Antworten!").wait_for()
    assert_accessible(phone)

    # A business answers with a code; the same code a second time is refused.
    for attempt in range(2):
        business = new_page()
        open_app(business, live_server, f"#/m/taunusstein/surveys/{sid}", "/m/:slug/surveys/:id")
        business.get_by_label("Einladungscode", exact=False).fill(codes[0].lower())
        business.get_by_role("button", name="Umfrage beginnen").click()
        if attempt == 1:
            business.locator(".error-summary").wait_for()
            assert "schon beantwortet" in business.locator(".error-summary").inner_text()
            break
        business.get_by_label("Nein").check()
        business.get_by_role("button", name="Weiter").click()
        business.get_by_role("button", name="Antworten absenden").click()
        business.get_by_role("heading", name="Vielen Dank für Ihre Antworten!").wait_for()

    # Staff type in a paper answer.
    staff = new_page()
    login(staff, live_server, "bauhof@taunusstein.example")
    open_app(staff, live_server, f"#/m/taunusstein/surveys/{sid}/paper", "/m/:slug/surveys/:id/paper")
    assert_accessible(staff)
    staff.get_by_label("Ja").check()
    staff.locator("fieldset.matrix-item", has_text="Freies WLAN").get_by_label("5 – trifft voll zu").check()
    staff.get_by_role("button", name="Antwort speichern").click()
    staff.get_by_text("Gespeichert (Antwort Nr.").wait_for()

    records = run(load_responses(sid))
    assert sorted((r.audience.value, r.channel.value) for r in records) == [
        ("businesses", "online"),
        ("residents", "online"),
        ("residents", "paper"),
    ]
    anna = next(r for r in records if r.audience.value == "residents" and r.channel.value == "online")
    assert anna.answers == {
        "online": True,
        "wichtig": {"freies_wlan": 3, "online_termine": 3},
        "wunsch": "Schnelles Internet überall",
    }

    page.reload()
    wait_for_view(page, "/m/:slug/admin/surveys")
    assert "3 Antworten" in page.locator("main").inner_text()
    page.get_by_role("button", name="Beenden: Digitale Stadt: Wo sollen wir anfangen?").click()
    page.get_by_role("button", name="Ergebnisse veröffentlichen: Digitale Stadt: Wo sollen wir anfangen?").wait_for()
    assert run(Survey.select(Survey.status).first())["status"] == "closed"
