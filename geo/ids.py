"""Row ids as every layer accepts them: 1 .. 2^31 - 1, the range of PostgreSQL's `integer` columns.

Piccolo's Serial and ForeignKey columns are 4-byte integers on PostgreSQL (and SQLite cannot bind beyond 2^63):
a larger number names no row, and refusing it where input arrives keeps it away from the database driver.
Schemas use `RowId`; the web shell bounds path and query parameters with the same ID_MAX (backend/params.py).
"""

from __future__ import annotations

from typing import Annotated, TypeAlias

from pydantic import Field

ID_MAX = 2**31 - 1

RowId: TypeAlias = Annotated[int, Field(ge=1, le=ID_MAX)]


def is_row_id(value: object) -> bool:
    """An int (not a bool) that can be a row's id."""
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= ID_MAX
