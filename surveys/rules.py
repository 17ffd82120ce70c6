"""Who may do what with a survey: pure predicates on the actor, the survey's status and its dates."""

from __future__ import annotations

import datetime as dt

from contributions.actor import Actor
from geo.roles import Role
from surveys.definition import AccessMode, Status, SurveyDefinition


def may_manage(actor: Actor) -> bool:
    return actor.holds(Role.ADMIN)


def may_see(actor: Actor, status: Status) -> bool:
    return status != Status.DRAFT or may_manage(actor)


def may_enter_on_paper(actor: Actor) -> bool:
    return actor.holds(Role.STAFF, Role.ADMIN)


def may_see_live_counts(actor: Actor) -> bool:
    return actor.holds(Role.ADMIN, Role.STAFF)


def takes_answers(status: Status, definition: SurveyDefinition, today: dt.date) -> bool:
    if status != Status.OPEN:
        return False
    if definition.starts_on and today < definition.starts_on:
        return False
    return not (definition.ends_on and today > definition.ends_on)


def may_answer_with_account(actor: Actor, definition: SurveyDefinition) -> bool:
    if not actor.logged_in:
        return False
    if AccessMode.ACCOUNT in definition.access_modes:
        return True
    return AccessMode.VERIFIED in definition.access_modes and actor.holds(Role.RESIDENT)


NEXT_STATUS = {
    Status.DRAFT: {Status.OPEN},
    Status.OPEN: {Status.CLOSED},
    Status.CLOSED: {Status.RESULTS_PUBLISHED, Status.OPEN},
    Status.RESULTS_PUBLISHED: {Status.CLOSED},
}


def may_tag_themes(actor: Actor) -> bool:
    """Staff sort approved free-text answers into themes (admins hold staff too)."""
    return actor.holds(Role.STAFF, Role.ADMIN)
