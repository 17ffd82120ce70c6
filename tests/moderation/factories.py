"""A tiny content type for moderation's own tests: it records every Outcome, as a content package would apply it."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from moderation import hook
from moderation.hook import Contribution, Outcome, Visibility
from tests.factories import person

_ids = itertools.count(1)


@dataclass
class RecordingContent:
    """Content rows of a fake package: visibility per id, as stored on 'their' row."""

    content_type: str = "note"
    visibility: dict[int, Visibility] = field(default_factory=dict)
    outcomes: list[Outcome] = field(default_factory=list)
    texts: dict[int, str] = field(default_factory=dict)
    photos: dict[int, str] = field(default_factory=dict)

    async def apply(self, outcome: Outcome) -> None:
        self.outcomes.append(outcome)
        self.visibility[outcome.content_id] = outcome.visibility
        if outcome.redacted_text is not None:
            self.texts[outcome.content_id] = outcome.redacted_text
        if outcome.redacted_photo_key is not None:
            self.photos[outcome.content_id] = outcome.redacted_photo_key

    async def create(
        self,
        municipality_id: int,
        author_id: int | None,
        text: str = "Eine neue Bank am Spielplatz wäre schön.",
        *,
        context_id: int | None = None,
        content_id: int | None = None,
        photo_key: str | None = None,
    ) -> int:
        """What a content package does in its write: check the author, save, submit, store the visibility."""
        content_id = content_id or next(_ids) + 100_000
        await hook.ensure_may_contribute(author_id, municipality_id)
        self.visibility[content_id] = await hook.submit(
            Contribution(
                municipality_id=municipality_id,
                content_type=self.content_type,
                content_id=content_id,
                author_id=author_id,
                text=text,
                context_id=context_id,
                link=f"#/notes/{content_id}",
                photo_key=photo_key,
            )
        )
        self.texts[content_id] = text
        return content_id


def recording(content_type: str = "note") -> RecordingContent:
    content = RecordingContent(content_type)
    hook.register(content_type, content.apply)
    return content


async def trusted_author(municipality_id: int, email: str = "trusted@example.org", items: int = 3) -> int:
    """A resident whose first contributions a moderator already approved (standard policy lets them through)."""
    from moderation.tables import ModerationItem

    author = await person(email)
    for index in range(items):
        await ModerationItem(
            municipality=municipality_id,
            content_type="earlier",
            content_id=900_000 + author * 10 + index,
            author=author,
            text=f"earlier {index}",
            visibility="public",
            queued=False,
        ).save()
    return author
