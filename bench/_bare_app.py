"""The yardstick: a bare Litestar app with one JSON endpoint, served the same way as the real app."""

from litestar import Litestar, get


@get("/bare")
async def bare() -> dict[str, str]:
    return {"status": "ok"}


app = Litestar(route_handlers=[bare])
