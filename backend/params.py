"""Integer parameters of the API, bounded once: an id in a path or a query is 1 .. ID_MAX (geo/ids.py).

A path id outside the range names nothing and answers 404 (backend/errors.py); a query id outside it is a 422
naming the parameter. tests/backend/test_integer_parameters.py checks that every integer parameter is bounded.
"""

from __future__ import annotations

from typing import Annotated, Any, TypeAlias

from litestar.params import PathParameter, QueryParameter

from geo.ids import ID_MAX

PathId: TypeAlias = Annotated[int, PathParameter(ge=1, le=ID_MAX)]
QueryId: TypeAlias = Annotated[int | None, QueryParameter(ge=1, le=ID_MAX)]


def id_query(**kwargs: Any) -> Any:
    """A bounded optional id query parameter with a name or description of its own."""
    return QueryParameter(ge=1, le=ID_MAX, **kwargs)


__all__ = ["ID_MAX", "PathId", "QueryId", "id_query"]
