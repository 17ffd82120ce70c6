"""What happens when a contribution arrives: policies, screening, repeats, bursts, edits."""

import pytest

from moderation import services as moderation
from moderation.hook import Visibility
from moderation.schemas import PolicyOverrideIn
from tests.factories import person
from tests.moderation.factories import recording, trusted_author
from tests.support.moderation import post_moderated

CLEAN = "Eine Bank am Spielplatz in Hahn wäre schön."


async def test_under_the_standard_policy_a_new_accounts_first_contribution_waits(taunusstein):
    notes = recording()
    author = await person("neu@example.org")
    content = await notes.create(taunusstein.id, author, CLEAN)
    assert notes.visibility[content] == Visibility.PENDING
    assert (await moderation.state_of("note", content)).reasons == ["new_account"]


async def test_under_the_standard_policy_a_trusted_author_publishes_at_once_for_review_afterwards(taunusstein):
    notes = recording()
    author = await trusted_author(taunusstein.id)
    content = await notes.create(taunusstein.id, author, CLEAN)
    state = await moderation.state_of("note", content)
    assert notes.visibility[content] == Visibility.PUBLIC
    assert state.queued and state.reasons == ["post_review"]


async def test_under_the_standard_policy_photos_always_wait(taunusstein):
    photos = recording("photo")
    author = await trusted_author(taunusstein.id)
    content = await photos.create(taunusstein.id, author, "")
    assert photos.visibility[content] == Visibility.PENDING
    assert (await moderation.state_of("photo", content)).reasons == ["photo"]


async def test_anonymous_contributions_wait_under_the_standard_policy(taunusstein):
    notes = recording()
    content = await notes.create(taunusstein.id, None, CLEAN)
    assert notes.visibility[content] == Visibility.PENDING


async def test_pre_moderation_holds_everything_and_post_moderation_publishes_at_once(taunusstein):
    notes = recording()
    author = await trusted_author(taunusstein.id)
    await moderation.update_policies(taunusstein.id, author, _policy("pre"))
    assert notes.visibility[await notes.create(taunusstein.id, author, CLEAN)] == Visibility.PENDING
    await post_moderated(taunusstein)
    newcomer = await person("neu@example.org")
    assert notes.visibility[await notes.create(taunusstein.id, newcomer, CLEAN + " Bitte!")] == Visibility.PUBLIC


async def test_a_screening_hit_waits_even_under_post_moderation(taunusstein):
    notes = recording()
    await post_moderated(taunusstein)
    author = await person()
    content = await notes.create(taunusstein.id, author, "Ruft mich an: 06128 123456")
    assert notes.visibility[content] == Visibility.PENDING
    assert (await moderation.state_of("note", content)).reasons == ["phone"]


async def test_an_override_per_consultation_beats_the_municipality_policy(taunusstein):
    notes = recording()
    await post_moderated(taunusstein)
    admin = await person("admin@example.org")
    await moderation.set_override(taunusstein.id, admin, PolicyOverrideIn(context_id=7, policy="pre"))
    author = await person()
    assert notes.visibility[await notes.create(taunusstein.id, author, CLEAN, context_id=7)] == Visibility.PENDING
    assert notes.visibility[await notes.create(taunusstein.id, author, CLEAN + "!", context_id=8)] == Visibility.PUBLIC


async def test_an_override_per_content_type_applies_to_that_type_only(taunusstein):
    notes, comments = recording(), recording("comment")
    admin = await person("admin@example.org")
    await moderation.set_override(taunusstein.id, admin, PolicyOverrideIn(content_type="comment", policy="post"))
    author = await person()
    assert comments.visibility[await comments.create(taunusstein.id, author, CLEAN)] == Visibility.PUBLIC
    assert notes.visibility[await notes.create(taunusstein.id, author, CLEAN + "!")] == Visibility.PENDING


async def test_the_same_long_text_again_is_flagged_as_repeated(taunusstein):
    notes = recording()
    await post_moderated(taunusstein)
    first, second = await person("a@example.org"), await person("b@example.org")
    text = "Kauft günstige Uhren, beste Qualität, nur heute im Angebot!"
    assert notes.visibility[await notes.create(taunusstein.id, first, text)] == Visibility.PUBLIC
    again = await notes.create(taunusstein.id, second, text.upper())
    assert (await moderation.state_of("note", again)).reasons == ["repeated"]


async def test_a_burst_from_one_account_routes_the_next_contribution_to_the_queue(taunusstein):
    notes = recording()
    await post_moderated(taunusstein)
    author = await person()
    for index in range(5):
        assert notes.visibility[await notes.create(taunusstein.id, author, f"Idee {index}")] == Visibility.PUBLIC
    sixth = await notes.create(taunusstein.id, author, "Idee 6")
    assert notes.visibility[sixth] == Visibility.PENDING
    assert (await moderation.state_of("note", sixth)).reasons == ["burst"]


async def test_admins_words_extend_the_default_list_per_municipality(taunusstein):
    notes = recording()
    await post_moderated(taunusstein)
    admin, author = await person("admin@example.org"), await person()
    assert notes.visibility[await notes.create(taunusstein.id, author, "Du Schwachmat")] == Visibility.PUBLIC
    await moderation.set_words(taunusstein.id, admin, "Schwachmat\n")
    assert notes.visibility[await notes.create(taunusstein.id, author, "Ihr Schwachmaten")] == Visibility.PENDING


async def test_submitting_again_after_an_edit_screens_the_new_text_and_keeps_one_item(taunusstein):
    notes = recording()
    await post_moderated(taunusstein)
    author = await person()
    content = await notes.create(taunusstein.id, author, CLEAN)
    assert notes.visibility[content] == Visibility.PUBLIC
    await notes.create(taunusstein.id, author, "Jetzt mit Nummer 0171 1234567", content_id=content)
    state = await moderation.state_of("note", content)
    assert notes.visibility[content] == Visibility.PENDING and state.reasons == ["phone"]
    assert [h.action for h in state.history] == ["submitted", "resubmitted"]
    assert state.history[1].before["text"] == CLEAN


@pytest.mark.parametrize("action", ["reject", "hide"])
async def test_an_edit_never_brings_back_what_a_moderator_took_down(taunusstein, action):
    notes = recording()
    await post_moderated(taunusstein)
    author, moderator = await person(), await person("mod@example.org")
    content = await notes.create(taunusstein.id, author, CLEAN)
    item = (await moderation.state_of("note", content)).item_id
    from moderation.schemas import DecisionCreate

    await moderation.decide(taunusstein.id, item, moderator, DecisionCreate(action=action, reason="spam"), mailer=None)
    await notes.create(taunusstein.id, author, CLEAN + " Neu!", content_id=content)
    assert notes.visibility[content] == Visibility(action + "ed" if action == "reject" else "hidden")


def _policy(policy):
    from moderation.schemas import PoliciesUpdate

    return PoliciesUpdate(municipality_policy=policy)
