"""Liveness and database reachability, for load balancers and monitoring."""

from __future__ import annotations

from litestar import Controller, Response, get
from pydantic import BaseModel

from backend.auth import public
from geo import pooled
from geo.tables import Municipality


class Health(BaseModel):
    status: str
    database: str
    engine: str


class HealthController(Controller):
    path = "/api/health"
    tags = ["system"]
    guards = [public]

    @get("/", operation_id="getHealth", summary="Is the app up and the database reachable?")
    async def health(self) -> Response[Health]:
        engine = Municipality._meta.db.engine_type
        try:
            await _database_answers()
        except Exception:
            return Response(Health(status="degraded", database="unreachable", engine=engine), status_code=503)
        return Response(Health(status="ok", database="ok", engine=engine))


async def _database_answers() -> None:
    """A round trip to the database: `SELECT 1` straight on the pool (monitoring asks often; Piccolo's query
    building would cost more than the round trip), else through Piccolo."""
    if await pooled.fetch(Municipality, "SELECT 1") is None:
        await Municipality.count()
