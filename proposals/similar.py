"""Similar proposals while writing: similar titles (difflib) or pins close by, within one consultation."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any

from geo.measure import metres_between

NEARBY_METRES = 150.0
TITLE_SIMILARITY = 0.6
_WORD = re.compile(r"\w+")


def normalise(title: str) -> str:
    return " ".join(_WORD.findall(title.lower()))


def title_similarity(a: str, b: str) -> float:
    matcher = SequenceMatcher(None, normalise(a), normalise(b), autojunk=False)
    if matcher.real_quick_ratio() < TITLE_SIMILARITY / 2:
        return 0.0
    return matcher.ratio()


def rank(
    title: str, lat: float | None, lon: float | None, candidates: list[dict[str, Any]], limit: int = 5
) -> list[tuple[float, dict[str, Any]]]:
    """Candidates (dicts with title, lat, lon) that are similar by title or lie close by, best first."""
    found: list[tuple[float, dict[str, Any]]] = []
    for candidate in candidates:
        score = title_similarity(title, candidate["title"]) if title.strip() else 0.0
        near = (
            lat is not None
            and lon is not None
            and candidate["lat"] is not None
            and candidate["lon"] is not None
            and metres_between(lat, lon, candidate["lat"], candidate["lon"]) <= NEARBY_METRES
        )
        if score >= TITLE_SIMILARITY or near:
            found.append((score + (0.5 if near else 0.0), candidate))
    found.sort(key=lambda pair: pair[0], reverse=True)
    return found[:limit]
