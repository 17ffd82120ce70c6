"""A resident flags a proposal, a comment and a report; their account page lists what they wrote and flagged,
changes the name and the e-mail address (by the mailed link); their own waiting comment says so in its thread."""

import pytest

from geo.roles import Role
from moderation import services as moderation
from tests.e2e.conftest import PHONE, assert_accessible, login, open_app, run, wait_for_view
from tests.factories import person
from tests.support.mailbox import first_link

ANNA = "anna@example.org"
BEN = "ben@example.org"
PHONE_TEXT = "Ich helfe gern mit, ruft mich an: 06128 123456"


def _scene(municipality):
    """Ben's proposal with his public comment, and his report (all public); Anna's waiting comment on it."""
    from backend.links import SpaLinks
    from backend.mail.outbox import Outbox
    from contributions.actor import actor_in
    from contributions.notifications import Post
    from defects.schemas import ReportCreate
    from defects.services.filing import file_report
    from proposals import services
    from proposals.schemas import CommentCreate
    from tests.defects.factories import pothole, town_with_categories
    from tests.proposals.factories import admin_of, consultation, proposal
    from tests.support.moderation import post_moderated

    async def make() -> dict[str, int]:
        await post_moderated(municipality)
        admin = await admin_of(municipality)
        cid = await consultation(municipality, admin)
        ben = await person(BEN, roles=(Role.RESIDENT,), municipality=municipality, name="Ben")
        anna = await person(ANNA, roles=(Role.RESIDENT,), municipality=municipality, name="Anna")
        pid = await proposal(municipality, cid, ben, title="Breiterer Gehweg an der Schule")
        post = Post(Outbox(), SpaLinks("http://stadtstimme.test"), "secret")
        ben_actor = await actor_in(ben, municipality.id)
        comment = await services.add_comment(
            municipality, pid, ben_actor, CommentCreate(text="Die Kinder laufen auf der Straße."), post
        )
        waiting = await services.add_comment(
            municipality, pid, await actor_in(anna, municipality.id), CommentCreate(text=PHONE_TEXT), post
        )
        await town_with_categories(municipality)
        fields = {k: v for k, v in pothole().items() if k not in ("email", "name", "phone")}
        filed = await file_report(
            municipality,
            ben_actor,
            ReportCreate(**fields),
            [],
            store=None,
            mailer=Outbox(),  # type: ignore[arg-type]
            links=SpaLinks("http://stadtstimme.test"),
        )
        return {"proposal": pid, "comment": comment.id, "waiting": waiting.id, "report": filed.report_id}

    return run(make())


@pytest.mark.browser
def test_a_resident_flags_a_proposal_a_comment_and_a_report(page, new_page, live_server, taunusstein):
    ids = _scene(taunusstein)
    assert run(moderation.state_of("defect_report", ids["report"])).visibility == "public"
    # Anonymous people get a way to log in instead of a dead button.
    open_app(page, live_server, f"#/m/taunusstein/proposals/{ids['proposal']}", "/m/:slug/proposals/:id")
    assert page.get_by_role("link", name="Zum Melden bitte anmelden").count() >= 2
    assert page.get_by_role("button", name="Melden").count() == 0

    login(page, live_server, ANNA)
    open_app(page, live_server, f"#/m/taunusstein/proposals/{ids['proposal']}", "/m/:slug/proposals/:id")
    # Her own waiting comment offers no flag: one for the proposal, one for Ben's comment.
    assert page.get_by_role("button", name="Melden").count() == 2
    own = page.locator("#proposal-flag")
    own.get_by_role("button", name="Melden").click()
    own.get_by_label("Spam").check()
    own.get_by_role("button", name="Hinweis absenden").click()
    own.locator("[role=status]:has-text('Danke')").wait_for()
    comment = page.locator(f"#comment-{ids['comment']}")
    comment.get_by_role("button", name="Melden").click()
    comment.get_by_label("beleidigend").check()
    comment.get_by_role("button", name="Hinweis absenden").click()
    comment.locator("[role=status]:has-text('Danke')").wait_for()
    assert_accessible(page)

    open_app(page, live_server, f"#/m/taunusstein/reports/{ids['report']}", "/m/:slug/reports/:id")
    page.get_by_role("button", name="Melden").click()
    page.get_by_label("nicht zum Thema").check()
    page.get_by_role("button", name="Hinweis absenden").click()
    page.wait_for_selector(".flag [role=status]:has-text('Danke')")
    assert_accessible(page)

    # The moderators now find all three waiting with flags.
    for kind, key in (("proposal", "proposal"), ("comment", "comment"), ("defect_report", "report")):
        state = run(moderation.state_of(kind, ids[key]))
        assert state.queued and "flags" in state.reasons, kind
        assert [h.action for h in state.history].count("flagged") == 1, kind

    # Ben sees no flag button on what he wrote himself.
    ben = new_page()
    login(ben, live_server, BEN)
    open_app(ben, live_server, f"#/m/taunusstein/reports/{ids['report']}", "/m/:slug/reports/:id")
    ben.wait_for_selector("#report-status")
    assert ben.get_by_role("button", name="Melden").count() == 0


@pytest.mark.browser
def test_my_account_lists_my_contributions_and_changes_name_and_address(
    page, new_page, live_server, taunusstein, mailbox
):
    ids = _scene(taunusstein)
    login(page, live_server, ANNA)
    # My waiting comment says so in its thread, and offers neither reply nor "helpful".
    open_app(page, live_server, f"#/m/taunusstein/proposals/{ids['proposal']}", "/m/:slug/proposals/:id")
    mine = page.locator(f"#comment-{ids['waiting']}")
    assert "wartet auf Prüfung" in mine.inner_text()
    assert "null" not in mine.inner_text()  # the waiting hint once came with a literal "null" (Element.append)
    assert mine.get_by_role("button", name="Antworten").count() == 0
    assert mine.get_by_role("button", name="Hilfreich (0)").count() == 0
    assert page.locator(f"#comment-{ids['comment']}").get_by_role("button", name="Antworten").count() == 1

    open_app(page, live_server, "#/account", "/account")
    contributions = page.locator("#my-contributions")
    assert "wartet auf Prüfung" in contributions.inner_text() and "Kommentar" in contributions.inner_text()
    assert "06128" in contributions.inner_text()
    assert "gelöscht" in page.locator("main").inner_text() or "Anonym" in page.locator("main").inner_text()
    assert_accessible(page)

    page.get_by_label("Anzeigename", exact=True).fill("Anna B.")
    page.get_by_role("button", name="Namen speichern").click()
    page.wait_for_selector("text=Ihr Anzeigename ist gespeichert.")
    assert page.get_by_test_id("account-name").inner_text() == "Anna B."

    page.get_by_label("Neue E-Mail-Adresse").fill("anna.neu@example.org")
    page.get_by_label("Ihr Passwort, zur Bestätigung").first.fill("correct horse battery staple")
    page.get_by_role("button", name="Link schicken").click()
    page.wait_for_selector("text=Wir haben einen Link an die neue Adresse geschickt.")
    assert page.get_by_test_id("account-email").inner_text() == ANNA
    link = first_link(run(mailbox.wait_for("anna.neu@example.org", "neue E-Mail-Adresse")))
    page.goto(link.replace("http://stadtstimme.test", live_server.url))
    page.wait_for_selector("text=Ihre neue E-Mail-Adresse gilt ab sofort.")
    open_app(page, live_server, "#/account", "/account")
    assert page.get_by_test_id("account-email").inner_text() == "anna.neu@example.org"

    phone = new_page(PHONE)
    login(phone, live_server, "anna.neu@example.org")
    wait_for_view(phone, "/account")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(phone)
