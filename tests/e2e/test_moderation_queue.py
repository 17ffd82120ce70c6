"""A resident's comment with a phone number waits in the queue; a moderator redacts and approves it by keyboard."""

from geo.roles import Role
from moderation import services as moderation
from tests.e2e.conftest import assert_accessible, login, open_app, run, wait_for_view
from tests.factories import person
from tests.moderation.factories import recording
from tests.support.mailbox import body_of

MODERATOR = "moderation@taunusstein.example"
RESIDENT = "anna@example.org"
PHONE_TEXT = "Der Gehweg vor der Schule ist zu schmal. Ruft mich gern an: 06128 123456"
REDACTED = "Der Gehweg vor der Schule ist zu schmal."


def comment_with_phone_number(municipality, author_id):
    """The one place that creates the content (the lead switches it to a real comment at integration)."""
    comments = recording("comment")
    return run(comments.create(municipality.id, author_id, PHONE_TEXT, context_id=1)), comments


def test_a_moderator_redacts_and_approves_a_comment_with_the_keyboard(page, live_server, taunusstein, mailbox):
    run(person(MODERATOR, roles=(Role.MODERATOR,), municipality=taunusstein, name="Mo Derator"))
    resident = run(person(RESIDENT, name="Anna"))
    content_id, comments = comment_with_phone_number(taunusstein, resident)
    assert run(moderation.state_of("comment", content_id)).visibility == "pending"

    login(page, live_server, MODERATOR)
    open_app(page, live_server, "#/m/taunusstein/moderation", "/m/:slug/moderation")
    item = page.locator("article.mod-item").first
    assert "Telefonnummer im Text" in item.inner_text()
    assert "Tastenkürzel" in page.locator(".mod-shortcuts").inner_text()
    assert_accessible(page)

    item.focus()
    page.keyboard.press("e")
    editor = page.locator("textarea[name=redacted_text]")
    assert editor.evaluate("el => el === document.activeElement")
    page.keyboard.press("Control+A")
    page.keyboard.type(REDACTED)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"article.mod-item .mod-text:text-is('{REDACTED}')")
    assert_accessible(page)

    assert page.evaluate("document.activeElement.matches('article.mod-item')")
    page.keyboard.press("a")
    page.wait_for_selector("#mod-empty:not([hidden])")
    page.wait_for_function("document.getElementById('mod-status').textContent.includes('Freigegeben')")
    assert_accessible(page)

    state = run(moderation.state_of("comment", content_id))
    assert state.visibility == "public" and state.text == REDACTED
    assert comments.texts[content_id] == REDACTED
    assert [h.action for h in state.history][-2:] == ["redact", "approve"]
    assert state.history[-2].before["text"] == PHONE_TEXT
    mail = mailbox.wait_for_sync(RESIDENT, "jetzt öffentlich")
    assert "freigegeben" in body_of(mail) and "06128" not in body_of(mail)
    assert "Einzelne Angaben im Text wurden entfernt" in body_of(mailbox.wait_for_sync(RESIDENT, "bearbeitet"))


def test_a_resident_does_not_see_the_queue(page, live_server, taunusstein):
    run(person(RESIDENT, name="Anna"))
    login(page, live_server, RESIDENT)
    open_app(page, live_server, "#/m/taunusstein/moderation", "/m/:slug/moderation")
    assert "für die Moderation" in page.locator("main").inner_text()
    assert page.locator("article.mod-item").count() == 0
    wait_for_view(page)
    assert_accessible(page)


def test_a_resident_flags_a_public_comment_with_the_reusable_button(page, live_server, taunusstein):
    from tests.support.moderation import post_moderated

    run(post_moderated(taunusstein))
    author = run(person("autor@example.org", name="Autor"))
    comments = recording("comment")
    content_id = run(comments.create(taunusstein.id, author, "Der Spielplatz braucht mehr Schatten."))
    run(person(RESIDENT, name="Anna"))
    login(page, live_server, RESIDENT)
    open_app(page, live_server, "#/m/taunusstein", "/m/:slug")
    # The component as any view mounts it, under a contribution.
    page.evaluate(
        """async ([slug, id]) => {
            const { flagButton } = await import("/js/components/flag.js");
            const { api } = await import("/js/api.js");
            const { session } = await import("/js/session.js");
            document.getElementById("main").append(
                flagButton({ slug, contentType: "comment", contentId: id, ctx: { api, session } }));
        }""",
        ["taunusstein", content_id],
    )
    button = page.get_by_role("button", name="Melden")
    button.focus()
    page.keyboard.press("Enter")
    page.get_by_label("personenbezogene Daten").check()
    assert_accessible(page)
    page.get_by_role("button", name="Meldung absenden").click()
    page.wait_for_function(
        "[...document.querySelectorAll('.flag [role=status]')].some(e => e.textContent.includes('Danke'))"
    )
    assert button.is_disabled()
    state = run(moderation.state_of("comment", content_id))
    assert state.visibility == "public" and "flags" in state.reasons
    assert_accessible(page)
