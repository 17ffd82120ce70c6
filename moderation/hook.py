"""The one gate every contribution passes before the public may see it.

Content packages (proposals, defects) use it like this, inside their own write transaction:

    await hook.ensure_may_contribute(author_id, municipality_id)      # muted/blocked -> Forbidden
    row = ...save the content with visibility "pending"...
    visibility = await hook.submit(Contribution(...))                # policy + pre-screening
    ...store `visibility` on the row; lists, maps, feeds and exports show only PUBLIC rows...

and state how a later decision is applied to their rows, as a `contributions.registry.ContentType`
that the application's wiring (`backend.wiring`) installs once at start-up:

    hook.register("comment", apply_outcome)   # async def apply_outcome(outcome: Outcome) -> None

A contribution of a content type without an installed listener is refused at `submit`, loudly.

`submit` is idempotent per (content_type, content_id): calling it again after an author's edit screens
the new text again. Moderation stores its own record per contribution and never imports a content
package; content packages filter on their own indexed visibility column, so a map query of a million
reports needs no join.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum


class Visibility(StrEnum):
    PENDING = "pending"  # waiting for a moderator (pre-moderation or a screening hit)
    PUBLIC = "public"
    HIDDEN = "hidden"  # taken down for review (flags) or by a moderator; may be restored
    REJECTED = "rejected"  # removed by a decision; a placeholder with the public reason stays


PUBLIC_STATES = frozenset({Visibility.PUBLIC})


@dataclass(frozen=True, slots=True)
class Contribution:
    """What moderation needs to know of a piece of content."""

    municipality_id: int
    content_type: str  # "proposal", "comment", "defect_report", "photo", later "survey_answer"
    content_id: int
    author_id: int | None  # None: filed without an account (e.g. a confirmed anonymous defect report)
    text: str = ""  # everything a moderator must read (title and body), as plain text
    context_id: int | None = None  # e.g. the consultation, for per-consultation policies and filters
    preview_url: str | None = None  # for photos: a URL moderators can open
    link: str | None = None  # where the content lives in the frontend, e.g. "#/proposals/12"
    photo_key: str | None = None  # for photos: the PhotoStore key, so a moderator can blur a region


@dataclass(frozen=True, slots=True)
class Outcome:
    """A moderation decision, as the content package applies it to its row."""

    content_id: int
    visibility: Visibility
    reason_de: str | None = None  # the public reason shown in the placeholder
    reason_en: str | None = None
    redacted_text: str | None = None  # set when a moderator redacted the text: store it as the new text
    redacted_photo_key: str | None = None  # set when a moderator blurred a region: show this file instead


OutcomeListener = Callable[[Outcome], Awaitable[None]]
_listeners: dict[str, OutcomeListener] = {}


def register(content_type: str, apply_outcome: OutcomeListener) -> None:
    """Called by the application's wiring (contributions.registry.Registry.install): how a decision reaches
    a content type's rows."""
    _listeners[content_type] = apply_outcome


def listener_for(content_type: str) -> OutcomeListener:
    try:
        return _listeners[content_type]
    except KeyError:
        raise LookupError(
            f"No outcome listener for content type {content_type!r}: add its ContentType to backend.wiring"
        ) from None


async def ensure_may_contribute(author_id: int | None, municipality_id: int) -> None:
    """Raise a Forbidden domain error (with the reason and the end) when the author is muted or blocked."""
    from moderation import intake  # imported here: intake imports this module's types

    await intake.ensure_may_contribute(author_id, municipality_id)


async def submit(contribution: Contribution) -> Visibility:
    """Enter (or re-enter after an edit) a contribution into moderation; returns its visibility now.

    Policy (see README "Moderation") plus pre-screening; a screening hit always waits for a moderator.
    """
    from moderation import intake

    listener_for(contribution.content_type)  # a content type nobody wired would never get its decisions
    return await intake.submit(contribution)
