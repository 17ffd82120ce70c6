"""The real app plus a PostgreSQL connection pool (Piccolo's), to show what the pool is worth.

The app itself opens one connection per query; this factory is the comparison, not the product.
"""

from typing import Any


def create_app() -> Any:
    from backend.app import create_app as create_real_app
    from geo.tables import Municipality

    app = create_real_app()
    engine: Any = Municipality._meta.db

    async def start_pool() -> None:
        if engine.engine_type == "postgres":
            await engine.start_connection_pool(min_size=4, max_size=16)

    async def close_pool() -> None:
        if engine.engine_type == "postgres":
            await engine.close_connection_pool()

    app.on_startup.append(start_pool)
    app.on_shutdown.append(close_pool)
    return app
