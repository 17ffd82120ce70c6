"""The two query parameters of every paged list, declared once (see geo/paging.py for the cursor itself)."""

from __future__ import annotations

from typing import Annotated, TypeAlias

from litestar.params import QueryParameter

from geo.paging import DEFAULT_LIMIT, MAX_LIMIT

CursorParam: TypeAlias = Annotated[
    str | None, QueryParameter(max_length=512, description="`next_cursor` of the previous page; absent: the first")
]
LimitParam: TypeAlias = Annotated[int, QueryParameter(ge=1, le=MAX_LIMIT, description=f"Page size, 1..{MAX_LIMIT}")]

__all__ = ["DEFAULT_LIMIT", "CursorParam", "LimitParam"]
