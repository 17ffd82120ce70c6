"""The content types of the platform, each registered once, explicitly, by the application's wiring.

A content type is anything that passes `moderation.hook` (a proposal, a comment, a defect report, a
photo, later a survey answer). Its package states how a moderation decision reaches its rows; what the
platform holds about a person goes into their data export (DSGVO Art. 15/20) and is erased or anonymised
when they delete their account (Art. 17) through the sections below. Nothing registers itself on import:
`backend.wiring` builds the one `Registry`, and a test fails when a content type lacks a part.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any

from moderation import hook

Exporter = Callable[[int], Awaitable[Any]]  # user id -> JSON-serialisable data
Eraser = Callable[[int], Awaitable[None]]  # user id -> anonymise/delete, before the account row goes
# content ids -> the title of what each belongs to (a comment's proposal), for the moderation queue's rows
Parents = Callable[[list[int]], Awaitable[dict[int, str]]]
# context ids -> their titles (a consultation's), for the queue's rows and its filter instead of "#1"
ContextTitles = Callable[[int, list[int]], Awaitable[dict[int, str]]]  # (municipality id, context ids)


@dataclass(frozen=True, slots=True)
class ContentType:
    """One kind of contribution: its moderation listener and its part of the person's data."""

    name: str  # the moderation content type, e.g. "comment"
    apply_outcome: hook.OutcomeListener
    export: Exporter
    erase: Eraser
    parents: Parents | None = None  # what the item belongs to, if it belongs to something


@dataclass(frozen=True, slots=True)
class PersonalData:
    """Data about a person that is no contribution (follows, votes, flags, sanctions, preferences)."""

    section: str  # key in the export document
    export: Exporter
    erase: Eraser


class Registry:
    """Every content type and every holder of personal data, registered once."""

    def __init__(self) -> None:
        self.content_types: dict[str, ContentType] = {}
        self.personal_data: dict[str, PersonalData] = {}
        self.context_titles: ContextTitles | None = None  # the one kind of moderation context (consultations)

    def add_content_type(self, content_type: ContentType) -> None:
        if content_type.name in self.content_types:
            raise ValueError(f"content type {content_type.name!r} registered twice")
        self.content_types[content_type.name] = content_type

    def add_personal_data(self, part: PersonalData) -> None:
        if part.section in self.personal_data:
            raise ValueError(f"personal data section {part.section!r} registered twice")
        self.personal_data[part.section] = part

    def extend(self, content_types: Iterable[ContentType] = (), personal_data: Iterable[PersonalData] = ()) -> None:
        for content_type in content_types:
            self.add_content_type(content_type)
        for part in personal_data:
            self.add_personal_data(part)

    def install(self) -> None:
        """Hand each content type's outcome listener to moderation (replacing what was there)."""
        for content_type in self.content_types.values():
            hook.register(content_type.name, content_type.apply_outcome)

    def exporters(self) -> dict[str, Exporter]:
        found = {name: c.export for name, c in self.content_types.items()}
        found.update({name: p.export for name, p in self.personal_data.items()})
        return found

    def erasers(self) -> list[Eraser]:
        return [c.erase for c in self.content_types.values()] + [p.erase for p in self.personal_data.values()]

    async def parents_of(self, items: Iterable[tuple[str, int]]) -> dict[tuple[str, int], str]:
        """(content type, content id) -> the title of what it belongs to, one query per content type."""
        wanted: dict[str, list[int]] = {}
        for content_type, content_id in items:
            wanted.setdefault(content_type, []).append(content_id)
        found: dict[tuple[str, int], str] = {}
        for content_type, ids in wanted.items():
            known = self.content_types.get(content_type)
            if known is None or known.parents is None:
                continue
            for content_id, title in (await known.parents(ids)).items():
                found[(content_type, content_id)] = title
        return found

    async def titles_of_contexts(self, municipality_id: int, context_ids: Iterable[int]) -> dict[int, str]:
        ids = sorted(set(context_ids))
        if not ids or self.context_titles is None:
            return {}
        return await self.context_titles(municipality_id, ids)
