"""Paging, written once for every list: an opaque keyset cursor and one page shape.

A cursor is the base64url text of the last row's sort key and id, as JSON; the next page starts after it
(keyset paging stays fast on long lists and does not skip rows when new ones arrive, unlike an offset).
Lists pass `limit` (1..MAX_LIMIT) and `cursor`, and answer `items` and `next_cursor` (None: the last page);
a `total` only where the interface shows a count. It lives at the bottom of the house (beside the clock)
because moderation, below the contribution layer, pages its queue and audit log with it too.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field

from geo import text
from geo.clock import aware
from geo.errors import Invalid
from geo.ids import ID_MAX, is_row_id

DEFAULT_LIMIT = 50
MAX_LIMIT = 100

T = TypeVar("T")
Key = int | float | str | datetime | None


class InvalidCursor(Invalid):
    code = "invalid-cursor"

    def __init__(self) -> None:
        super().__init__(
            "Der Seitenzeiger ist ungültig; bitte laden Sie die Liste neu.",
            "The page cursor is invalid; please reload the list.",
            field="cursor",
        )


class Page(BaseModel, Generic[T]):
    """One page of a list; ask for the next one with `cursor=next_cursor`."""

    items: list[T]
    next_cursor: str | None = Field(default=None, description="Opaque; absent on the last page")
    total: int | None = Field(default=None, description="All matching entries (only where a count is shown)")


def encode(key: Key, row_id: int) -> str:
    """The cursor for the row with sort key `key` and id `row_id`."""
    value: Any = {"t": key.isoformat()} if isinstance(key, datetime) else key
    raw = json.dumps([value, row_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str) -> tuple[Key, int]:
    """(sort key, id) of a cursor made by `encode`; anything else raises InvalidCursor (422, field `cursor`)."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value, row_id = json.loads(raw)
        if isinstance(value, dict):
            value = aware(datetime.fromisoformat(value["t"]))
        if not is_row_id(row_id) or not _storable(value):
            raise ValueError(cursor)
    except (ValueError, TypeError, KeyError, binascii.Error, UnicodeDecodeError):
        raise InvalidCursor() from None
    return value, row_id


def _storable(key: Any) -> bool:
    """A sort key the database can compare with: no list or bool, an int in the columns' range, a finite float,
    text without control characters (anything else cannot come from `encode`)."""
    if isinstance(key, bool | list | dict):
        return False
    if isinstance(key, int):
        return -ID_MAX <= key <= ID_MAX
    if isinstance(key, float):
        return math.isfinite(key)
    return not isinstance(key, str) or text.is_clean(key)


def decode_as(cursor: str, kind: type) -> tuple[Any, int]:
    """Like `decode`, and the key must be of `kind` (a cursor from another list is refused, not misread)."""
    key, row_id = decode(cursor)
    if kind is float and isinstance(key, int):
        key = float(key)
    if not isinstance(key, kind) or (kind is int and isinstance(key, bool)):
        raise InvalidCursor()
    return key, row_id


def after(key_column: Any, id_column: Any, key: Any, row_id: int, *, ascending: bool) -> Any:
    """The Piccolo condition "comes after (key, row_id)" for rows ordered by key, then id, both `ascending`."""
    if ascending:
        return (key_column > key) | ((key_column == key) & (id_column > row_id))
    return (key_column < key) | ((key_column == key) & (id_column < row_id))


def bounded(limit: int) -> int:
    """`limit` clamped to 1..MAX_LIMIT, for callers inside the house (HTTP refuses out-of-range values)."""
    return max(1, min(limit, MAX_LIMIT))


def cut(rows: Sequence[T], limit: int, key_of: Callable[[T], tuple[Key, int]]) -> tuple[list[T], str | None]:
    """Rows fetched with `limit + 1`: the page's rows and the cursor to the next page (None when none)."""
    page = list(rows[:limit])
    if len(rows) <= limit or not page:
        return page, None
    return page, encode(*key_of(page[-1]))
