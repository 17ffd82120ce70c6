"""What a rendered part of a document reports back to the merge (plain data: it crosses process boundaries)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Bookmark:
    level: int
    label: str
    page: int  # in its part, from 0
    y: float  # CSS px from the top of the page


@dataclass
class Part:
    """One rendered part: its file, page count, the page (from 0) of each anchor, and its bookmarks."""

    path: Path
    pages: int
    anchors: dict[str, int] = field(default_factory=dict)
    bookmarks: list[Bookmark] = field(default_factory=list)
