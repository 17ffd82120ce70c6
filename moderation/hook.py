"""The one gate every contribution passes before the public may see it.

Content packages (proposals, defects) call `submit` inside their own write transaction and store the
returned visibility on their row, so that lists and maps filter on their own indexed column. When a
moderator later decides, moderation calls the listener the content package registered for its
content type; moderation itself never imports a content package.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum


class Visibility(StrEnum):
    PENDING = "pending"  # waiting for a moderator (pre-moderation or a screening hit)
    PUBLIC = "public"
    HIDDEN = "hidden"  # taken down for review (flags) or by a moderator; may be restored
    REJECTED = "rejected"  # removed by a decision; a placeholder with the reason stays


PUBLIC_STATES = frozenset({Visibility.PUBLIC})


@dataclass(frozen=True, slots=True)
class Contribution:
    """What moderation needs to know of a piece of content."""

    municipality_id: int
    content_type: str  # e.g. "proposal", "comment", "defect_report", "photo"
    content_id: int
    author_id: int | None
    text: str = ""
    context_id: int | None = None  # e.g. the consultation, for per-consultation policies


VisibilityListener = Callable[[int, Visibility, str | None], Awaitable[None]]
_listeners: dict[str, VisibilityListener] = {}


def register(content_type: str, on_change: VisibilityListener) -> None:
    """Called once by a content package: how to apply a new visibility (and its public reason)."""
    _listeners[content_type] = on_change


def listener_for(content_type: str) -> VisibilityListener:
    return _listeners[content_type]


async def submit(contribution: Contribution) -> Visibility:
    """Enter a contribution into moderation; returns whether it may be public now.

    Minimal policy until the moderation queue lands: everything is public at once.
    """
    return Visibility.PUBLIC
