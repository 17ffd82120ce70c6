"""In the browser: an admin types a consultation text in Markdown and "Vorschau" shows paragraphs and a list
before saving; the page shows the same HTML after saving."""

import pytest

from tests.e2e.conftest import assert_accessible, login, open_app, run, screenshot
from tests.proposals.factories import admin_of, consultation


@pytest.mark.browser
def test_the_preview_shows_a_typed_dash_list_as_a_list(page, live_server, taunusstein):
    cid = run(consultation(taunusstein, run(admin_of(taunusstein)), title="Radwege in Taunusstein"))
    login(page, live_server, "admin@taunusstein.example")
    open_app(page, live_server, f"#/m/taunusstein/consultations/{cid}/edit", "/m/:slug/consultations/:id/edit")
    page.get_by_label("Text", exact=True).fill("Worum es geht.\n\n- a\n- b\n\n<script>window.hacked=1</script>")
    page.get_by_role("button", name="Vorschau").click()
    preview = page.locator("#consultation-preview")
    preview.locator("ul > li").first.wait_for()
    assert preview.locator("ul > li").all_inner_texts() == ["a", "b"]
    assert preview.locator("p", has_text="Worum es geht.").count() == 1
    assert preview.locator("script").count() == 0 and page.evaluate("window.hacked") is None
    assert_accessible(page)
    screenshot(page, "consultation-text-preview")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url(f"**/consultations/{cid}")
    body = page.locator(".rich-text")
    body.locator("ul > li").first.wait_for()
    assert body.locator("ul > li").all_inner_texts() == ["a", "b"]
