"""A stored response as the results side reads it: answers and the few facts cross-tabs need, nothing personal."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from surveys.definition import Audience, Channel


@dataclass(frozen=True, slots=True)
class Record:
    """One response: answers by question code, the group it speaks for, how it came in, where, and the day.

    `approved_free_text` lists the free-text answer keys moderation has approved for public display; the
    others may be counted by admins but never shown publicly. `free_text_themes` holds the themes staff tagged
    the approved ones with.
    """

    id: int
    answers: dict[str, Any]
    audience: Audience
    channel: Channel
    district: str | None
    day: dt.date
    approved_free_text: frozenset[str] = field(default_factory=frozenset)
    free_text_themes: dict[str, tuple[int, ...]] = field(default_factory=dict)  # approved answer key -> theme ids
