"""On a phone (390 px) the start page's district names do not lie on top of each other, and the moderation queue
does not open with a screen of keyboard shortcuts a touch screen has no keys for."""

from backend.demo import TAUNUSSTEIN_DISTRICTS
from geo.roles import Role
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, login, open_app, run
from tests.factories import person

VISIBLE_LABEL_BOXES = """() => [...document.querySelectorAll('.district-label')]
  .filter((el) => getComputedStyle(el).display !== 'none')
  .map((el) => { const b = el.getBoundingClientRect(); return [el.innerText, b.left, b.top, b.right, b.bottom]; })"""


ZOOMED = """(before) => document.querySelector('.leaflet-proxy').style.transform !== before
  && !document.querySelector('.leaflet-zoom-anim')"""


def _overlapping(boxes: list[list]) -> list[tuple[str, str]]:
    pairs = []
    for i, (name, left, top, right, bottom) in enumerate(boxes):
        for other, o_left, o_top, o_right, o_bottom in boxes[i + 1 :]:
            if left < o_right and o_left < right and top < o_bottom and o_top < bottom:
                pairs.append((name, other))
    return pairs


def test_district_names_on_the_start_map_never_overlap_and_the_list_names_all_ten(new_page, live_server, taunusstein):
    for viewport in (PHONE, DESKTOP):
        page = new_page(viewport)
        open_app(page, live_server, "#/", "/")
        boxes = page.evaluate(VISIBLE_LABEL_BOXES)
        assert not _overlapping(boxes), f"overlapping district names at {viewport['width']} px"
        assert len(boxes) >= 3, f"only {[b[0] for b in boxes]} at {viewport['width']} px"
        names = page.get_by_role("region", name="Stadtteile als Liste").locator("li .feature-name").all_inner_texts()
        assert names == sorted(TAUNUSSTEIN_DISTRICTS)

    # Zoomed in on the phone there is room for the names that had to give way.
    page = new_page(PHONE)
    open_app(page, live_server, "#/", "/")
    shown_before = {b[0] for b in page.evaluate(VISIBLE_LABEL_BOXES)}
    assert len(shown_before) < len(TAUNUSSTEIN_DISTRICTS)  # the ten do not fit at 390 px
    for _ in range(2):
        before = page.evaluate("document.querySelector('.leaflet-proxy').style.transform")
        page.get_by_role("button", name="Hineinzoomen").click()
        page.wait_for_function(ZOOMED, arg=before)
    boxes = page.evaluate(VISIBLE_LABEL_BOXES)
    assert not _overlapping(boxes)
    inside = [b for b in boxes if b[3] > 0 and b[1] < PHONE["width"] and b[4] > 0 and b[2] < PHONE["height"]]
    assert inside, "zoomed in, the names of the districts in view show"


def test_the_keyboard_shortcuts_fold_into_one_line_on_a_phone(new_page, live_server, taunusstein):
    run(person("moderation@taunusstein.example", roles=(Role.MODERATOR,), municipality=taunusstein))
    page = new_page(PHONE)
    login(page, live_server, "moderation@taunusstein.example")
    open_app(page, live_server, "#/m/taunusstein/moderation", "/m/:slug/moderation")
    help_box = page.locator("details.mod-shortcuts")
    assert not help_box.evaluate("el => el.open")
    assert help_box.bounding_box()["height"] < 60  # one line, not a screen
    help_box.locator("summary").click()  # still there for a phone with a keyboard
    assert help_box.locator("kbd").first.is_visible()
    assert "Tastenkürzel verwenden" in help_box.inner_text()
    assert_accessible(page)

    wide = new_page(DESKTOP)
    login(wide, live_server, "moderation@taunusstein.example")
    open_app(wide, live_server, "#/m/taunusstein/moderation", "/m/:slug/moderation")
    assert wide.locator("details.mod-shortcuts").evaluate("el => el.open")  # a mouse and a wide screen: shown
