"""Piccolo queries built once per distinct arguments, for the reads that every page view repeats.

Building a query (Piccolo's column, join and where objects, then its SQL) cost more CPU than SQLite took to
answer it: a fifth of a proposal list's time in the demo. A builder decorated with `frozen` runs once per
distinct arguments (which must be hashable: ids, strings, tuples); later calls get the same frozen query (its
SQL and parameters fixed), run with `.run()`. Only for values, never for objects whose identity could change
what the query means.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import Any

from piccolo.query.base import FrozenQuery, Query

MAX_QUERIES = 1024  # per builder; a few KB each


def frozen(build: Callable[..., Query[Any, Any]]) -> Callable[..., FrozenQuery]:
    @wraps(build)
    def built(*args: Any) -> FrozenQuery:
        return build(*args).freeze()

    return lru_cache(maxsize=MAX_QUERIES)(built)
