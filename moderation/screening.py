"""Pre-screening of text before anything is public: insults, personal data and spam signals.

Pure functions over text, so they are tested in a table. A hit never decides by itself: it routes the
contribution to the queue and tells the moderator why.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import phonenumbers

WORDS_FILE = Path(__file__).with_name("words.txt")

INSULT = "insult"
EMAIL = "email"
PHONE = "phone"
LINK = "link"
REPEATED = "repeated"
BURST = "burst"
SCREENING_REASONS = (INSULT, EMAIL, PHONE, LINK, REPEATED, BURST)

_EMAIL = re.compile(r"[\w.+-]+\s*(?:@|\(at\)|\[at\])\s*[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)
_LINK = re.compile(
    r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:de|com|net|org|info|eu|io|ru|biz|xyz|shop|online)\b(?:/\S*)?",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def default_words() -> tuple[str, ...]:
    lines = WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return tuple(sorted({normalise(w) for w in lines if w.strip() and not w.lstrip().startswith("#")}))


def parse_words(text: str) -> list[str]:
    """An admin's extra words: one word or phrase per line, comments with #, blanks ignored."""
    return sorted({normalise(w) for w in text.splitlines() if w.strip() and not w.lstrip().startswith("#")})


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().lower()


@lru_cache(maxsize=64)
def _word_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})", re.IGNORECASE)


def insults_in(text: str, words: Iterable[str]) -> list[str]:
    pattern = _word_pattern(tuple(sorted(set(words))))
    if pattern is None:
        return []
    return sorted({normalise(m.group(0)) for m in pattern.finditer(normalise(text))})


def has_email(text: str) -> bool:
    return _EMAIL.search(text) is not None


def has_phone(text: str) -> bool:
    """German and international numbers, as libphonenumber recognises them (postcodes and years are not)."""
    return any(True for _ in phonenumbers.PhoneNumberMatcher(text, "DE", leniency=phonenumbers.Leniency.VALID))


def has_link(text: str) -> bool:
    without_emails = _EMAIL.sub(" ", text)
    return _LINK.search(without_emails) is not None


def text_hash(text: str) -> str:
    """The same text, however spaced or cased, gives the same hash (finds copy-and-paste repeats)."""
    squeezed = " ".join(normalise(text).split())
    return hashlib.sha256(squeezed.encode()).hexdigest() if squeezed else ""


def screen_text(text: str, words: Iterable[str]) -> list[str]:
    """The screening reasons the text itself triggers (repeats and bursts need the database)."""
    hits = []
    if insults_in(text, words):
        hits.append(INSULT)
    if has_email(text):
        hits.append(EMAIL)
    if has_phone(text):
        hits.append(PHONE)
    if has_link(text):
        hits.append(LINK)
    return hits
