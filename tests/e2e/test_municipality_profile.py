"""An admin keeps the municipality's profile: contact, council, colour (with a live contrast check), logo, map.

Residents see the result at once: the logo and colour in the header, the contact with a tel: and a mailto: link,
the opening hours, and maps that say their background is switched off.
"""

import io

from PIL import Image

from geo.roles import Role
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, login, open_app, run, wait_for_view
from tests.factories import person

ROUTE = "#/m/taunusstein/admin/profile"
VIEW = "/m/:slug/admin/profile"


def coat_of_arms(tmp_path):
    image = Image.new("RGBA", (120, 150), (0, 0, 0, 0))
    image.paste((170, 20, 40, 255), (10, 10, 110, 140))
    path = tmp_path / "wappen.png"
    out = io.BytesIO()
    image.save(out, format="PNG")
    path.write_bytes(out.getvalue())
    return path


def admin_on_the_profile(new_page, live_server, taunusstein, viewport):
    run(person("admin@example.org", roles=(Role.ADMIN,), municipality=taunusstein, name="Rathaus"))
    page = new_page(viewport)
    login(page, live_server, "admin@example.org")
    open_app(page, live_server, ROUTE, VIEW)
    return page


def test_an_admin_edits_the_profile_uploads_a_logo_and_residents_see_it(new_page, live_server, taunusstein, tmp_path):
    page = admin_on_the_profile(new_page, live_server, taunusstein, PHONE)
    assert page.get_by_role("heading", level=1).inner_text() == "Profil der Kommune"
    assert_accessible(page)

    # Too light for white text: the preview says so before saving, and the server refuses it naming the field.
    page.get_by_label("Hausfarbe").fill("#aaaaaa")
    assert "zu gering" in page.locator(".profile-contrast").inner_text()
    page.get_by_label("Telefon").fill("ruf an")
    page.get_by_role("button", name="Profil speichern").click()
    summary = page.locator(".error-summary")
    summary.wait_for()
    assert "Hausfarbe: Der Kontrast zu Weiß ist nur 2,3:1" in summary.inner_text()
    assert "Telefon: Bitte eine Telefonnummer" in summary.inner_text()
    assert page.get_by_label("Hausfarbe").get_attribute("aria-invalid") == "true"
    assert_accessible(page)

    page.get_by_label("Hausfarbe").fill("#7a1f3d")
    assert "gut lesbar" in page.locator(".profile-contrast").inner_text()
    page.get_by_label("Telefon").fill("+49 6128 241-0")
    page.get_by_label("Name der Vertretung").fill("Gemeindevertretung")
    page.get_by_label("Öffnungszeiten").fill("Mo–Fr 8–12 Uhr\nDo 14–18 Uhr")
    page.get_by_label("Kartenhintergrund anzeigen").uncheck()
    page.get_by_role("button", name="Profil speichern").click()
    page.get_by_text("Das Profil ist gespeichert.").wait_for()
    header = page.locator(".site-header")
    assert header.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(122, 31, 61)"

    page.get_by_label("Logo oder Wappen").set_input_files(str(coat_of_arms(tmp_path)))
    page.get_by_role("button", name="Logo hochladen").click()
    page.get_by_text("Das Logo ist gespeichert.").wait_for()
    logo = page.locator("#brand img.brand-logo")
    logo.wait_for()
    page.wait_for_function("() => document.querySelector('#brand img').naturalWidth > 0")
    assert logo.get_attribute("src").startswith("/api/v1/municipalities/taunusstein/logo?v=")
    assert logo.get_attribute("alt") == "Logo von Taunusstein"
    assert page.get_by_role("img", name="Logo von Taunusstein").count() == 2  # header and the preview
    assert_accessible(page)

    # A resident, in a fresh browser, sees the new profile.
    resident = new_page(PHONE)
    open_app(resident, live_server, "#/m/taunusstein", "/m/:slug")
    resident.wait_for_function("() => document.querySelector('#brand img')?.naturalWidth > 0")
    contact = resident.locator("section.contact")
    assert contact.get_by_role("link", name="+49 6128 241-0").get_attribute("href") == "tel:+4961282410"
    assert "Mo–Fr 8–12 Uhr" in contact.inner_text() and "Do 14–18 Uhr" in contact.inner_text()
    assert resident.get_by_text("Der Kartenhintergrund ist ausgeschaltet").is_visible()
    assert_accessible(resident)

    page.get_by_role("button", name="Logo entfernen").click()
    page.get_by_text("Das Logo ist entfernt.").wait_for()
    assert page.locator("#brand img").count() == 0


def test_the_profile_page_is_accessible_on_a_wide_screen_with_the_contact_as_mail_link(
    new_page, live_server, taunusstein
):
    page = admin_on_the_profile(new_page, live_server, taunusstein, DESKTOP)
    page.get_by_label("E-Mail-Adresse").fill("rathaus@taunusstein.example")
    page.get_by_role("button", name="Profil speichern").click()
    page.get_by_text("Das Profil ist gespeichert.").wait_for()
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    open_app(page, live_server, "#/m/taunusstein", "/m/:slug")
    mail = page.locator("section.contact").get_by_role("link", name="rathaus@taunusstein.example")
    assert mail.get_attribute("href") == "mailto:rathaus@taunusstein.example"


def test_every_control_of_the_profile_is_reached_with_the_tab_key(new_page, live_server, taunusstein):
    page = admin_on_the_profile(new_page, live_server, taunusstein, DESKTOP)
    page.get_by_role("heading", level=1).focus()
    reached = []
    for _ in range(40):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.name || document.activeElement.textContent.trim()"))
        if reached[-1] == "Profil speichern":
            break
    expected = ["name", "council_name", "contact_address", "contact_phone", "contact_email", "opening_hours"]
    expected += ["brand_color", "logo", "Logo hochladen", "open_data_licence", "tiles_enabled", "Profil speichern"]
    assert [name for name in reached if name in expected] == expected
    # The checkbox toggles with Space, and Enter in a field sends the form.
    page.get_by_label("Kartenhintergrund anzeigen").focus()
    page.keyboard.press("Space")
    page.get_by_label("Name der Kommune").focus()
    page.keyboard.press("Enter")
    page.get_by_text("Das Profil ist gespeichert.").wait_for()


def test_a_council_member_is_told_the_profile_is_for_admins(new_page, live_server, taunusstein):
    run(person("rat@example.org", roles=(Role.COUNCIL,), municipality=taunusstein, name="Ratsmitglied"))
    page = new_page(DESKTOP)
    login(page, live_server, "rat@example.org")
    open_app(page, live_server, ROUTE, VIEW)
    assert page.get_by_role("alert").inner_text().startswith("Diesen Bereich sehen nur")
    assert page.locator("form").count() == 0
    open_app(page, live_server, "#/account", "/account")
    wait_for_view(page, "/account")
    assert "Mitglied der Vertretung (Stadtverordnetenversammlung) in Taunusstein" in page.locator("main").inner_text()
