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
    """A resident's real comment on a proposal of a running consultation (proposals package)."""
    from backend.links import SpaLinks
    from backend.mail.outbox import Outbox
    from contributions.actor import actor_in
    from contributions.notifications import Post
    from proposals import services
    from proposals.schemas import CommentCreate
    from tests.proposals.factories import admin_of, consultation, proposal

    async def make() -> int:
        from tests.support.moderation import post_moderated

        await post_moderated(municipality)  # the proposal is public at once; the phone number still waits
        admin = await admin_of(municipality)
        cid = await consultation(municipality, admin)
        ben = await person("ben@example.org", name="Ben")
        pid = await proposal(municipality, cid, ben, title="Breiterer Gehweg an der Schule")
        post = Post(Outbox(), SpaLinks("http://stadtstimme.test"), "secret")
        comment = await services.add_comment(
            municipality, pid, await actor_in(author_id, municipality.id), CommentCreate(text=PHONE_TEXT), post
        )
        return comment.id

    return run(make())


def comment_text(comment_id: int) -> str:
    from proposals.tables import Comment

    async def read() -> str:
        return (await Comment.select(Comment.text).where(Comment.id == comment_id).first())["text"]

    return run(read())


def test_a_moderator_redacts_and_approves_a_comment_with_the_keyboard(page, live_server, taunusstein, mailbox):
    run(person(MODERATOR, roles=(Role.MODERATOR,), municipality=taunusstein, name="Mo Derator"))
    resident = run(person(RESIDENT, name="Anna"))
    content_id = comment_with_phone_number(taunusstein, resident)
    assert run(moderation.state_of("comment", content_id)).visibility == "pending"

    login(page, live_server, MODERATOR)
    # The queue filtered to comments (the proposal itself waits there too, for review after publication).
    open_app(page, live_server, "#/m/taunusstein/moderation?type=comment", "/m/:slug/moderation")
    item = page.locator("article.mod-item").first
    assert "Telefonnummer im Text" in item.inner_text()
    assert "null" not in item.inner_text()  # an item without photo or flags shows no placeholder for them
    assert "Tastenkürzel" in page.locator(".mod-shortcuts").inner_text()
    assert_accessible(page)

    item.focus()  # turning to the item claims it, so no other moderator decides it meanwhile
    page.wait_for_selector("article.mod-item .mod-claim:text-is('Sie bearbeiten diesen Beitrag.')")
    page.keyboard.press("e")
    editor = page.locator("textarea[name=redacted_text]")
    assert editor.evaluate("el => el === document.activeElement")
    page.keyboard.press("Control+A")
    page.keyboard.type(REDACTED)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"article.mod-item .mod-excerpt:text-is('{REDACTED}')")
    assert_accessible(page)

    assert page.evaluate("document.activeElement.matches('article.mod-item')")
    page.keyboard.press("a")
    page.wait_for_selector("#mod-empty:not([hidden])")
    page.wait_for_function("() => document.getElementById('mod-status').textContent.includes('Freigegeben')")
    assert_accessible(page)

    state = run(moderation.state_of("comment", content_id))
    assert state.visibility == "public" and state.text == REDACTED
    assert comment_text(content_id) == REDACTED  # the proposals package applied the redaction to its row
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
    page.get_by_role("button", name="Hinweis absenden").click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.flag [role=status]')].some(e => e.textContent.includes('Danke'))"
    )
    assert button.is_disabled()
    state = run(moderation.state_of("comment", content_id))
    assert state.visibility == "public" and "flags" in state.reasons
    assert_accessible(page)


def test_a_moderator_rejects_several_items_at_once_blurs_a_photo_and_warns_the_author(
    page, start_server, taunusstein, tmp_path, mailbox
):
    import io

    from PIL import Image

    from media.photos import PhotoStore

    run(person(MODERATOR, roles=(Role.MODERATOR,), municipality=taunusstein, name="Mo Derator"))
    resident = run(person(RESIDENT, name="Anna"))
    notes = recording("comment")
    spam = [run(notes.create(taunusstein.id, resident, f"Billige Uhren Nummer {i} hier kaufen")) for i in range(2)]
    live_server = start_server(media_dir=tmp_path)  # photos in a folder of this test's own
    store = PhotoStore(tmp_path)
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), (0, 0, 255)).save(buffer, format="PNG")
    stored = store.ingest(buffer.getvalue())
    photos = recording("photo")
    photo = run(photos.create(taunusstein.id, resident, "", photo_key=stored.key))

    login(page, live_server, MODERATOR)
    open_app(page, live_server, "#/m/taunusstein/moderation", "/m/:slug/moderation")
    for content_id in spam:
        page.get_by_label(f"Kommentar Nr. {content_id} für eine Sammelentscheidung auswählen").check()
    page.get_by_label("Entscheidung", exact=True).select_option("reject")
    page.locator(".mod-bulk select[name=reason]").select_option("spam")
    page.get_by_role("button", name="Auf ausgewählte anwenden").click()
    page.wait_for_function("() => document.getElementById('mod-status').textContent.includes('2 Beiträge')")
    assert [run(moderation.state_of("comment", c)).visibility for c in spam] == ["rejected", "rejected"]

    photo_item = page.locator("article.mod-item", has_text=f"Foto Nr. {photo}")
    photo_item.focus()
    page.keyboard.press("e")
    page.get_by_label("Breite (%)").fill("50")
    page.get_by_label("Höhe (%)").fill("100")
    assert_accessible(page)
    page.get_by_role("button", name="Änderung speichern").click()
    page.wait_for_function("() => document.getElementById('mod-status').textContent.includes('Gespeichert')")
    assert photos.photos[photo] != stored.key
    assert run(moderation.state_of("photo", photo)).photo_key == photos.photos[photo]

    photo_item.locator("summary", has_text="Maßnahme gegen die Person").click()
    photo_item.get_by_label("Grund (die Person erhält ihn per E-Mail)").fill("Bitte keine Werbung")
    photo_item.get_by_role("button", name="Maßnahme verhängen").click()
    photo_item.get_by_text("Die Maßnahme gilt").wait_for()
    assert "Bitte keine Werbung" in body_of(mailbox.wait_for_sync(RESIDENT, "Verwarnung"))
    assert_accessible(page)


def test_a_busy_evening_deciding_the_last_item_of_a_filter_keeps_focus_in_the_list(
    new_page, live_server, taunusstein, mailbox
):
    """Compact rows, waiting before review, counters after each decision, focus never falls to the page body."""
    from tests.e2e.conftest import DESKTOP, PHONE

    run(person(MODERATOR, roles=(Role.MODERATOR,), municipality=taunusstein, name="Mo Derator"))
    resident = run(person(RESIDENT, name="Anna"))
    comments = recording("comment")
    notes = recording("note")
    first = run(comments.create(taunusstein.id, resident, "Ruft an: 06128 111111, es geht um die Bänke"))
    second = run(comments.create(taunusstein.id, resident, "Ruft an: 06128 222222, es geht um die Bäume"))
    run(notes.create(taunusstein.id, resident, "Ruft an: 06128 333333, es geht um den Brunnen"))

    for viewport in (PHONE, DESKTOP):
        page = new_page(viewport)
        login(page, live_server, MODERATOR)
        open_app(page, live_server, "#/m/taunusstein/moderation", "/m/:slug/moderation")
        rows = page.locator("article.mod-item")
        assert rows.count() == 3
        # Compact: only the current item shows its decision buttons; the others are one row each.
        assert page.locator(".mod-detail:not([hidden])").count() == 1
        assert rows.nth(1).bounding_box()["height"] < (240 if viewport is PHONE else 140)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert page.get_by_role("button", name="Weitere Beiträge laden").is_hidden()  # nothing more to load
        assert_accessible(page)
        page.close()

    page = new_page(DESKTOP)
    login(page, live_server, MODERATOR)
    open_app(page, live_server, "#/m/taunusstein/moderation?type=comment", "/m/:slug/moderation")
    assert page.locator("#mod-count").inner_text().startswith("2 von 3")
    page.locator("article.mod-item").first.focus()
    page.keyboard.press("a")
    page.wait_for_function("() => document.getElementById('mod-count').textContent.startsWith('1 von 2')")
    assert page.evaluate("document.activeElement.dataset.itemId !== undefined")
    assert page.locator("article.mod-item[aria-current=true]").inner_text().count("222222") == 1
    page.keyboard.press("a")
    page.wait_for_selector("#mod-empty:not([hidden])")
    page.wait_for_function("() => document.getElementById('mod-count').textContent.startsWith('0 von 1')")
    assert page.evaluate("document.activeElement.id") == "mod-empty"  # not the body
    assert "(1)" in page.locator("select[name=type] option[value=note]").inner_text()
    assert page.locator("select[name=type] option[value=comment]").count() == 0
    assert page.get_by_role("button", name="Weitere Beiträge laden").is_hidden()
    assert_accessible(page)
    assert run(moderation.state_of("comment", first)).visibility == "public"
    assert run(moderation.state_of("comment", second)).visibility == "public"
