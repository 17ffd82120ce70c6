"""After a vote, a comment vote or a follow only the changed part of the proposal page is redrawn: the comments keep
their order (even when the vote would re-sort them), the page keeps its scroll position, and focus stays where the
person was (on the pressed button, or on the button that took its place)."""

from geo.roles import Role
from tests.defects.factories import stored_report, town_with_categories
from tests.e2e.conftest import PHONE, assert_accessible, login, open_app, run
from tests.factories import INSIDE, person
from tests.proposals.factories import admin_of, consultation, proposal
from tests.support.moderation import post_moderated

SLUG = "taunusstein"


def api(page, method, path, body=None):
    """A request from the logged-in page (session cookie and CSRF header), as the app sends it."""
    return page.evaluate(
        """async ([method, path, body]) => {
          const token = (document.cookie.split('; ').find((c) => c.startsWith('csrftoken=')) || '=').split('=')[1];
          const response = await fetch(path, {method, headers: {'content-type': 'application/json',
            'x-csrftoken': decodeURIComponent(token)}, body: body ? JSON.stringify(body) : undefined});
          return response.json();
        }""",
        [method, path, body],
    )


def comment_texts(page):
    return page.locator("#comments > li > p:not(.meta):not(.actions)").all_inner_texts()


def focused(page):
    return page.evaluate("[document.activeElement.tagName, document.activeElement.textContent.trim()]")


def test_votes_keep_sort_order_scroll_position_and_focus(new_page, live_server, taunusstein):
    run(post_moderated(taunusstein))
    admin = run(admin_of(taunusstein))
    cid = run(consultation(taunusstein, admin, vote_limit=3))
    anna = run(person("anna@example.org", roles=(Role.RESIDENT,), municipality=taunusstein, name="Anna"))
    run(person("ben@example.org", roles=(Role.RESIDENT,), municipality=taunusstein, name="Ben"))
    pid = run(proposal(taunusstein, cid, anna, "Schatten für den Spielplatz"))

    page = new_page(PHONE)
    login(page, live_server, "anna@example.org")
    for n in range(1, 5):  # more would be held back as a burst (moderation/intake.py)
        api(page, "POST", f"/api/v1/municipalities/{SLUG}/proposals/{pid}/comments", {"text": f"Gedanke Nummer {n}"})
    page.context.clear_cookies()  # log out: Ben uses the same browser
    page.goto("about:blank")

    login(page, live_server, "ben@example.org")
    open_app(page, live_server, f"#/m/{SLUG}/proposals/{pid}?sort=most_supported", "/m/:slug/proposals/:id")
    before = comment_texts(page)
    assert len(before) == 4

    # Ben finds the last comment helpful: a re-fetch sorted by support would move it to the top; it stays put.
    last = page.locator("#comments > li").last
    helpful = last.get_by_role("button", name="Hilfreich (0)", exact=True)
    helpful.click()
    last.get_by_role("button", name="Hilfreich (1)", exact=True).wait_for()
    assert last.get_by_role("button", name="Hilfreich (1)", exact=True).get_attribute("aria-pressed") == "true"
    assert focused(page) == ["BUTTON", "Hilfreich (1)"]
    assert comment_texts(page) == before
    scrolled = page.evaluate("window.scrollY")
    assert scrolled > 0  # the phone page is long: the comment is far below the top

    # Ben supports the proposal: the counts and the button change; the thread, the scroll and the sort stay.
    page.get_by_role("button", name="Unterstützen", exact=True).click()
    page.get_by_text("Sie haben abgestimmt.").wait_for()
    assert "1 Unterstützung" in page.locator("#proposal-counts").inner_text()
    assert focused(page) == ["BUTTON", "Stimme zurückziehen"]
    assert comment_texts(page) == before
    assert page.url.endswith("?sort=most_supported")
    assert "Sie haben noch 2 von 3 Stimmen." in page.locator("main .actions").first.inner_text()

    # Following changes one button's text; focus stays on it.
    page.get_by_role("button", name="Folgen", exact=True).click()
    page.get_by_role("button", name="Nicht mehr folgen").wait_for()
    assert focused(page) == ["BUTTON", "Nicht mehr folgen"]
    assert comment_texts(page) == before
    assert_accessible(page)

    # A reload shows what the server stored: the helpful comment now leads the "most supported" order.
    page.reload()
    page.wait_for_selector('main[data-view="/m/:slug/proposals/:id"]:not([aria-busy])', state="attached")
    assert comment_texts(page)[0] == before[-1]
    assert page.get_by_role("button", name="Nicht mehr folgen").is_visible()


def test_betrifft_mich_auch_updates_the_count_in_place_and_focuses_the_answer(new_page, live_server, taunusstein):
    run(post_moderated(taunusstein))
    town = run(town_with_categories(taunusstein))
    report_id = run(stored_report(town, INSIDE["lat"], INSIDE["lon"]))
    run(person("carla@example.org", roles=(Role.RESIDENT,), municipality=taunusstein, name="Carla"))
    page = new_page()
    login(page, live_server, "carla@example.org")
    open_app(page, live_server, f"#/m/{SLUG}/reports/{report_id}", "/m/:slug/reports/:id")
    assert "null" not in page.locator("main").inner_text()  # a report without photos printed "null" once
    assert page.locator("#affected-count").inner_text() == "Noch hat sich niemand dieser Meldung angeschlossen."
    page.get_by_role("button", name="Betrifft mich auch").click()
    page.get_by_text("Das betrifft auch 1 weitere Person.").wait_for()
    assert page.evaluate("document.activeElement.classList.contains('notice')")
    assert_accessible(page)
