"""A long comment thread comes in pages of 20 top-level comments; "Weitere Kommentare anzeigen" appends the next
page (by keyboard too) and goes away after the last one: every comment shown once."""

import pytest

from geo.roles import Role
from moderation.hook import Visibility
from proposals.tables import Comment
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, open_app, run
from tests.factories import person
from tests.proposals.factories import admin_of, consultation, proposal
from tests.support.moderation import post_moderated

SLUG = "taunusstein"


async def _thread(taunusstein, roots):
    await post_moderated(taunusstein)
    cid = await consultation(taunusstein, await admin_of(taunusstein))
    anna = await person("anna@example.org", roles=(Role.RESIDENT,), municipality=taunusstein, name="Anna")
    pid = await proposal(taunusstein, cid, anna)
    await Comment.insert(
        *[
            Comment(proposal=pid, author=anna, text=f"Beitrag {n}", visibility=Visibility.PUBLIC, depth=1)
            for n in range(roots)
        ]
    )
    return pid


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_more_comments_load_page_by_page(new_page, live_server, taunusstein, viewport):
    pid = run(_thread(taunusstein, 45))
    page = new_page(viewport)
    open_app(page, live_server, f"#/m/{SLUG}/proposals/{pid}?sort=oldest", "/m/:slug/proposals/:id")
    items = page.locator("#comments > li")
    more = page.get_by_role("button", name="Weitere Kommentare anzeigen")
    items.nth(19).wait_for()
    assert items.count() == 20
    assert_accessible(page)
    more.focus()
    page.keyboard.press("Enter")
    items.nth(39).wait_for()
    assert items.count() == 40
    more.click()
    items.nth(44).wait_for()
    more.wait_for(state="detached")
    texts = page.locator("#comments > li > p:not(.meta):not(.actions)").all_inner_texts()
    assert sorted(texts) == sorted(f"Beitrag {n}" for n in range(45)) and len(set(texts)) == 45
