"""The back office's statistics dashboard (admins; council members read it) and the scheduled jobs (admins)."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get
from litestar.params import QueryParameter

from backend import dashboard
from backend.auth import requires_role
from backend.dashboard import ScheduledJobOut, StatisticsOut
from backend.dependencies import MunicipalityDep, SettingsDep
from geo.roles import Role

Language = Annotated[str, QueryParameter(pattern="^(de|en)$", description="de (default) or en")]


class StatisticsController(Controller):
    path = "/api/v1/municipalities/{slug:str}"
    tags = ["statistics"]

    @get(
        "/statistics",
        operation_id="getStatistics",
        guards=[requires_role(Role.ADMIN, Role.COUNCIL)],
        summary="Live figures of the Mängelmelder (by status, category, district; time to first answer and to "
        "close; overdue per department; new and closed per week) and of participation per consultation",
    )
    async def statistics(
        self, municipality: MunicipalityDep, settings: SettingsDep, lang: Language = "de"
    ) -> StatisticsOut:
        return await dashboard.statistics(municipality.id, reminder_days=settings.defect_reminder_days, lang=lang)

    @get(
        "/scheduled-jobs",
        operation_id="listScheduledJobs",
        guards=[requires_role(Role.ADMIN)],
        summary="The scheduled jobs of this installation (reminders, digests, purge): last run, next run, result",
    )
    async def scheduled_jobs(self, municipality: MunicipalityDep) -> list[ScheduledJobOut]:
        return await dashboard.scheduled_jobs()
