"""Who may do what in a consultation: small pure predicates over role, phase and time (table-tested).

Services ask these first and turn a `False` into the matching domain error; nothing here touches the
database, so every rule is checked in a table of actor × phase in tests/proposals/test_rules.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from contributions.actor import Actor
from geo.roles import Role

COMMENT_EDIT_WINDOW = timedelta(minutes=15)
MAX_COMMENT_DEPTH = 3


@dataclass(frozen=True, slots=True)
class PhaseRights:
    """What the running phase allows residents to do (None: no phase is running)."""

    may_propose: bool = False
    may_comment: bool = False
    may_vote: bool = False


def is_admin(actor: Actor) -> bool:
    return actor.holds(Role.ADMIN)


def is_moderator(actor: Actor) -> bool:
    return actor.holds(Role.MODERATOR)


def may_view_consultation(actor: Actor, status: str) -> bool:
    return status in {"published", "archived"} or is_admin(actor)


def may_take_part(actor: Actor, residents_only: bool) -> bool:
    """Logged in, and a confirmed resident (RESIDENT role) when the consultation asks for it."""
    return actor.logged_in and (not residents_only or Role.RESIDENT in actor.roles)


def _open(status: str, phase: PhaseRights | None) -> bool:
    return status == "published" and phase is not None


def may_propose(actor: Actor, status: str, residents_only: bool, phase: PhaseRights | None) -> bool:
    return _open(status, phase) and phase is not None and phase.may_propose and may_take_part(actor, residents_only)


def may_comment(actor: Actor, status: str, residents_only: bool, phase: PhaseRights | None) -> bool:
    return _open(status, phase) and phase is not None and phase.may_comment and may_take_part(actor, residents_only)


def may_vote(actor: Actor, status: str, residents_only: bool, phase: PhaseRights | None) -> bool:
    return _open(status, phase) and phase is not None and phase.may_vote and may_take_part(actor, residents_only)


def may_edit_proposal(actor: Actor, author_id: int | None, has_reactions: bool, withdrawn: bool) -> bool:
    """The author, until the first comment or vote."""
    return actor.logged_in and actor.user_id == author_id and not has_reactions and not withdrawn


def may_withdraw_proposal(actor: Actor, author_id: int | None, withdrawn: bool) -> bool:
    return actor.logged_in and actor.user_id == author_id and not withdrawn


def may_edit_comment(actor: Actor, author_id: int | None, created_at: datetime, now: datetime, deleted: bool) -> bool:
    """The author, within 15 minutes of writing it."""
    return actor.logged_in and actor.user_id == author_id and not deleted and now - created_at <= COMMENT_EDIT_WINDOW


def may_delete_comment(actor: Actor, author_id: int | None, deleted: bool) -> bool:
    return actor.logged_in and not deleted and (actor.user_id == author_id or is_moderator(actor))


def may_reply_at(parent_depth: int) -> bool:
    return parent_depth < MAX_COMMENT_DEPTH


def may_manage(actor: Actor) -> bool:
    """Create and change consultations and their phases, answer proposals."""
    return is_admin(actor)
