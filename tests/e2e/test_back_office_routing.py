"""An admin sets up the Mängelmelder by keyboard: a department, a category with a required question routed to it,
and the category moved up the list; both pages pass axe at phone and desktop width."""

from geo.roles import Role
from tests.defects.factories import town_with_categories
from tests.e2e.conftest import PHONE, assert_accessible, login, open_app, run
from tests.factories import person

ADMIN = "admin@taunusstein.example"


def press(page, locator, key="Enter"):
    locator.focus()
    page.keyboard.press(key)


def type_into(page, label, text):
    page.get_by_label(label).first.focus()
    page.keyboard.type(text)


def test_an_admin_adds_a_department_and_a_category_routed_to_it_by_keyboard(page, live_server, taunusstein, new_page):
    run(town_with_categories(taunusstein))
    run(person(ADMIN, roles=(Role.ADMIN,), municipality=taunusstein, name="Stadtverwaltung"))
    login(page, live_server, ADMIN)

    open_app(page, live_server, "#/m/taunusstein/admin/departments", "/m/:slug/admin/departments")
    assert_accessible(page)
    press(page, page.get_by_role("button", name="Neuer Fachbereich"))
    assert page.evaluate("document.activeElement.name") == "name"  # the form opens with the focus in it
    page.keyboard.type("Grünflächenamt")
    type_into(page, "E-Mail-Adressen", "gruen@taunusstein.example\ngruen2@taunusstein.example")
    type_into(page, "Sprechzeiten", "Mo–Fr 8–12 Uhr")
    assert_accessible(page)
    page.keyboard.press("Tab")  # from the opening hours to the default checkbox, then to "Speichern"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    card = page.locator("li.bo-card", has_text="Grünflächenamt")
    card.wait_for()
    assert "gruen2@taunusstein.example" in card.inner_text()
    assert page.get_by_role("status").filter(has_text="Gespeichert").count() == 1

    open_app(page, live_server, "#/m/taunusstein/admin/categories", "/m/:slug/admin/categories")
    assert_accessible(page)
    press(page, page.get_by_role("button", name="Neue Kategorie"))
    page.keyboard.type("baenke")  # the code field has the focus
    type_into(page, "Name (Deutsch)", "Sitzbänke")
    type_into(page, "Name (Englisch)", "Benches")
    department = page.get_by_label("Zuständiger Fachbereich", exact=True)
    department.focus()
    department.select_option(label="Grünflächenamt")
    press(page, page.get_by_role("button", name="Frage hinzufügen"))
    page.keyboard.type("material")  # the new question's code field has the focus
    page.get_by_label("Art der Antwort").select_option("singlevaluelist")
    press(page, page.get_by_label("Pflichtfrage"), " ")
    type_into(page, "Frage (Deutsch)", "Woraus ist die Bank?")
    type_into(page, "Frage (Englisch)", "What is the bench made of?")
    type_into(page, "Antwortmöglichkeiten", "holz | Holz | Wood\nmetall | Metall | Metal")
    # A rule: in an area drawn on the map by keyboard, an outside body is responsible.
    press(page, page.get_by_role("button", name="Regel hinzufügen"))
    page.keyboard.type("Landesstraße")  # the rule's name field has the focus
    press(page, page.get_by_label("In einer Fläche"), " ")
    press(page, page.get_by_role("button", name="Fläche von Regel 1 auf der Karte zeichnen"))
    for key in ["ArrowUp", "Enter", "ArrowRight", "ArrowRight", "Enter", "ArrowDown", "ArrowDown", "Enter"]:
        page.keyboard.press(key)
    page.get_by_role("status").filter(has_text="3 Ecken gesetzt").wait_for()
    press(page, page.get_by_label("Eine andere Stelle (Antwort: nicht zuständig)"), " ")
    type_into(page, "Name der Stelle", "Hessen Mobil")
    type_into(page, "E-Mail der Stelle", "info@mobil.hessen.example")
    assert_accessible(page)
    press(page, page.get_by_role("button", name="Speichern"))
    bench = page.locator("li.bo-card", has_text="Sitzbänke")
    bench.wait_for()
    assert "Geht an: Grünflächenamt" in bench.inner_text()
    assert "In der Fläche „Landesstraße“: nicht zuständig, zuständig ist Hessen Mobil" in bench.inner_text()
    assert page.locator("li.bo-card h3").all_inner_texts()[-1].startswith("Sitzbänke")

    press(page, page.get_by_role("button", name="„Sitzbänke“ nach oben"))
    page.get_by_role("status").filter(has_text="an Stelle 2").wait_for()
    assert page.locator("li.bo-card h3").all_inner_texts()[1].startswith("Sitzbänke")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "„Sitzbänke“ nach oben"
    page.keyboard.press("Enter")  # the focus stayed on the button: once more up, to the top
    page.get_by_role("status").filter(has_text="an Stelle 1").wait_for()
    assert page.locator("li.bo-card h3").all_inner_texts()[0].startswith("Sitzbänke")

    # Residents see the new order and must answer the required question.
    categories = page.evaluate(
        "() => fetch('/api/v1/municipalities/taunusstein/defect-categories').then((r) => r.json())"
    )
    assert [c["code"] for c in categories][:1] == ["baenke"]
    assert categories[0]["questions"][0]["required"] is True
    assert categories[0]["department"] == "Grünflächenamt"

    phone = new_page(PHONE)
    login(phone, live_server, ADMIN)
    for route in ("departments", "categories"):
        open_app(phone, live_server, f"#/m/taunusstein/admin/{route}", f"/m/:slug/admin/{route}")
        assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert_accessible(phone)
