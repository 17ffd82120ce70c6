"""The participation rules as a table: actor × phase (before, during, after), as in adhocracy-plus."""

from datetime import UTC, datetime, timedelta

import pytest

from contributions.actor import ANONYMOUS, Actor
from geo.roles import Role, effective_roles
from proposals import rules
from proposals.rules import PhaseRights

RESIDENT = Actor(1, frozenset({Role.RESIDENT}))
ACCOUNT = Actor(2)  # logged in, no role in this municipality (e.g. lives elsewhere)
MODERATOR = Actor(3, frozenset({Role.MODERATOR}))
ADMIN = Actor(4, effective_roles({Role.ADMIN}))
AUTHOR = Actor(5, frozenset({Role.RESIDENT}))

BEFORE = None  # no phase running yet
DURING = PhaseRights(may_propose=True, may_comment=True, may_vote=True)
AFTER = None  # all phases over
INFORMATION = PhaseRights()  # a phase that allows nothing


@pytest.mark.parametrize(
    ("actor", "residents_only", "phase", "expected"),
    [
        (ANONYMOUS, False, DURING, False),
        (ANONYMOUS, False, BEFORE, False),
        (RESIDENT, False, BEFORE, False),
        (RESIDENT, False, DURING, True),
        (RESIDENT, False, AFTER, False),
        (RESIDENT, False, INFORMATION, False),
        (RESIDENT, True, DURING, True),
        (ACCOUNT, False, DURING, True),
        (ACCOUNT, True, DURING, False),
        (MODERATOR, True, DURING, False),
        (ADMIN, False, DURING, True),
        (ADMIN, True, DURING, False),
        (AUTHOR, False, DURING, True),
    ],
)
@pytest.mark.parametrize("predicate", [rules.may_propose, rules.may_comment, rules.may_vote])
def test_taking_part_needs_login_a_running_phase_that_allows_it_and_residency_when_asked(
    predicate, actor, residents_only, phase, expected
):
    assert predicate(actor, "published", residents_only, phase) is expected


@pytest.mark.parametrize("status", ["draft", "archived"])
def test_nobody_takes_part_in_a_draft_or_archived_consultation(status):
    assert not rules.may_propose(RESIDENT, status, False, DURING)
    assert not rules.may_vote(ADMIN, status, False, DURING)


@pytest.mark.parametrize(
    ("rights", "propose", "comment", "vote"),
    [
        (PhaseRights(may_propose=True), True, False, False),
        (PhaseRights(may_comment=True), False, True, False),
        (PhaseRights(may_vote=True), False, False, True),
        (PhaseRights(may_comment=True, may_vote=True), False, True, True),
    ],
)
def test_what_the_phase_allows_is_data_on_the_phase(rights, propose, comment, vote):
    assert rules.may_propose(RESIDENT, "published", False, rights) is propose
    assert rules.may_comment(RESIDENT, "published", False, rights) is comment
    assert rules.may_vote(RESIDENT, "published", False, rights) is vote


@pytest.mark.parametrize(
    ("actor", "status", "expected"),
    [
        (ANONYMOUS, "published", True),
        (ANONYMOUS, "archived", True),
        (ANONYMOUS, "draft", False),
        (RESIDENT, "draft", False),
        (MODERATOR, "draft", False),
        (ADMIN, "draft", True),
    ],
)
def test_drafts_are_seen_by_admins_only(actor, status, expected):
    assert rules.may_view_consultation(actor, status) is expected


@pytest.mark.parametrize(
    ("actor", "has_reactions", "withdrawn", "expected"),
    [
        (AUTHOR, False, False, True),
        (AUTHOR, True, False, False),
        (AUTHOR, False, True, False),
        (RESIDENT, False, False, False),
        (ADMIN, False, False, False),
        (ANONYMOUS, False, False, False),
    ],
)
def test_only_the_author_edits_a_proposal_until_the_first_comment_or_vote(actor, has_reactions, withdrawn, expected):
    assert rules.may_edit_proposal(actor, AUTHOR.user_id, has_reactions, withdrawn) is expected


NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("actor", "age_minutes", "deleted", "expected"),
    [
        (AUTHOR, 1, False, True),
        (AUTHOR, 15, False, True),
        (AUTHOR, 16, False, False),
        (AUTHOR, 1, True, False),
        (RESIDENT, 1, False, False),
        (MODERATOR, 1, False, False),
        (ANONYMOUS, 1, False, False),
    ],
)
def test_comments_can_be_edited_by_their_author_for_fifteen_minutes(actor, age_minutes, deleted, expected):
    written = NOW - timedelta(minutes=age_minutes)
    assert rules.may_edit_comment(actor, AUTHOR.user_id, written, NOW, deleted) is expected


@pytest.mark.parametrize(
    ("actor", "expected"), [(AUTHOR, True), (MODERATOR, True), (ADMIN, True), (RESIDENT, False), (ANONYMOUS, False)]
)
def test_comments_are_deleted_by_their_author_or_a_moderator(actor, expected):
    assert rules.may_delete_comment(actor, AUTHOR.user_id, deleted=False) is expected


@pytest.mark.parametrize(("depth", "expected"), [(1, True), (2, True), (3, False)])
def test_threads_go_three_levels_deep(depth, expected):
    assert rules.may_reply_at(depth) is expected


@pytest.mark.parametrize(
    ("actor", "expected"), [(ADMIN, True), (MODERATOR, False), (RESIDENT, False), (ANONYMOUS, False)]
)
def test_only_admins_manage_consultations_and_answer(actor, expected):
    assert rules.may_manage(actor) is expected
