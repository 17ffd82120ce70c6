"""The Mängelmelder rules as a table over the shared Actor: who sees, handles, files for others and manages."""

import pytest

from contributions.actor import ANONYMOUS, Actor
from defects import rules
from geo.roles import Role, effective_roles
from moderation.hook import Visibility

TIEFBAU, BAUHOF = 10, 20
RESIDENT = Actor(1, frozenset({Role.RESIDENT}))
TIEFBAU_STAFF = Actor(2, frozenset({Role.STAFF}), frozenset({TIEFBAU}))
MODERATOR = Actor(3, frozenset({Role.MODERATOR}))
ADMIN = Actor(4, effective_roles({Role.ADMIN}))


@pytest.mark.parametrize(
    ("actor", "visibility", "confirmed", "expected"),
    [
        (ANONYMOUS, Visibility.PUBLIC, True, True),
        (ANONYMOUS, Visibility.PUBLIC, False, False),  # the mailed link was not opened yet
        (ANONYMOUS, Visibility.PENDING, True, False),
        (RESIDENT, Visibility.HIDDEN, True, False),
        (MODERATOR, Visibility.PENDING, True, False),  # moderators see it in their queue, not here
        (TIEFBAU_STAFF, Visibility.PENDING, False, True),
        (ADMIN, Visibility.HIDDEN, True, True),
    ],
)
def test_who_sees_a_report(actor, visibility, confirmed, expected):
    assert rules.may_see(actor, visibility, confirmed) is expected


def test_the_reporter_sees_their_own_waiting_report_and_nobody_else_does():
    assert rules.may_see(RESIDENT, Visibility.PENDING, True, author=RESIDENT.user_id) is True
    assert rules.may_see(RESIDENT, Visibility.PENDING, True, author=(RESIDENT.user_id or 0) + 1) is False
    assert rules.may_see(ANONYMOUS, Visibility.PENDING, True, author=None) is False


@pytest.mark.parametrize(
    ("actor", "department", "expected"),
    [
        (ANONYMOUS, TIEFBAU, False),
        (RESIDENT, TIEFBAU, False),
        (MODERATOR, TIEFBAU, False),
        (TIEFBAU_STAFF, TIEFBAU, True),
        (TIEFBAU_STAFF, BAUHOF, False),  # another department's category
        (TIEFBAU_STAFF, None, False),  # a category without a department
        (ADMIN, BAUHOF, True),
        (ADMIN, None, True),
    ],
)
def test_who_changes_a_status(actor, department, expected):
    assert rules.may_handle(actor, department) is expected


@pytest.mark.parametrize(
    ("actor", "files_on_behalf", "manages"),
    [
        (ANONYMOUS, False, False),
        (RESIDENT, False, False),
        (MODERATOR, False, False),
        (TIEFBAU_STAFF, True, False),
        (ADMIN, True, True),
    ],
)
def test_who_files_for_others_and_who_manages_categories(actor, files_on_behalf, manages):
    assert rules.may_file_on_behalf(actor) is files_on_behalf
    assert rules.may_manage(actor) is manages
