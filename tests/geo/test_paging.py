"""The one cursor: what a page hands out comes back unchanged; anything else is refused, naming `cursor`."""

from datetime import UTC, datetime

import pytest

from geo import paging


@pytest.mark.parametrize("key", [0, 17, -3, 2.5, "Bänke", None, datetime(2026, 5, 1, 12, 30, tzinfo=UTC)])
def test_a_cursor_returns_its_key_and_id(key):
    cursor = paging.encode(key, 42)
    assert "=" not in cursor and "/" not in cursor and "+" not in cursor  # safe in a query string as it is
    assert paging.decode(cursor) == (key, 42)


@pytest.mark.parametrize("garbage", ["", "kaputt", "%%%", "WzEsMl0x", "eyJhIjoxfQ", "WzEsInR3byJd", "W3RydWUsMV0"])
def test_garbage_is_refused_as_an_invalid_cursor(garbage):
    with pytest.raises(paging.InvalidCursor) as error:
        paging.decode(garbage)
    assert error.value.field == "cursor"


def test_a_cursor_of_another_list_is_refused_not_misread():
    with pytest.raises(paging.InvalidCursor):
        paging.decode_as(paging.encode(7, 1), datetime)
    with pytest.raises(paging.InvalidCursor):
        paging.decode_as(paging.encode(datetime(2026, 1, 1, tzinfo=UTC), 1), int)


def test_the_last_page_has_no_cursor_and_a_full_one_points_at_its_last_row():
    rows = [{"id": i} for i in range(5)]
    assert paging.cut(rows[:3], 3, lambda r: (r["id"], r["id"])) == (rows[:3], None)
    page, cursor = paging.cut(rows[:4], 3, lambda r: (r["id"], r["id"]))
    assert page == rows[:3] and paging.decode(cursor) == (2, 2)
    assert paging.bounded(0) == 1 and paging.bounded(10_000) == paging.MAX_LIMIT
