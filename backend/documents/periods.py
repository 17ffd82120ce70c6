"""Which periods of the Mängelmelder statistics anyone may have: whole months, quarters and years already past.

Those are few (a dozen-odd per year of data) and never change their span, so each is rendered once and the file
is reused by everyone. Any other period (the last 30 days, one that runs into today, one before the
municipality's first report) is for the municipality's staff, admins and council, and counts against their
render budget (`budget.py`).
"""

from __future__ import annotations

from datetime import date, timedelta

from litestar.exceptions import TooManyRequestsException

from backend.documents import budget, jobs
from backend.documents.access import PUBLIC
from backend.documents.kinds import DEFECTS_PERIOD, cover_fingerprint
from backend.documents.tables import DocumentJob
from contributions.actor import Actor
from defects.services.statistics import first_report_on
from geo import clock
from geo.errors import Forbidden
from geo.profile import TOWN_COUNCIL
from geo.roles import Role
from geo.tables import Municipality

INSIDERS = (Role.STAFF, Role.ADMIN, Role.COUNCIL)


class PeriodNotPublic(Forbidden):
    code = "period-not-public"

    def __init__(self, council_name: str = TOWN_COUNCIL) -> None:
        super().__init__(
            "Öffentlich sind die Statistiken ganzer, abgeschlossener Monate, Quartale und Jahre "
            "(z. B. 2026-01-01 bis 2026-03-31). Andere Zeiträume erstellen die Verwaltung und die Mitglieder "
            f"des Gremiums „{council_name}“.",
            "The statistics of whole past months, quarters and years are public (e.g. 2026-01-01 to 2026-03-31). "
            f"Other periods are for the administration and the members of the {council_name}.",
            field="from",
        )


def is_standard(starts_on: date, ends_on: date) -> bool:
    """A whole calendar month, quarter or year."""
    if starts_on.day != 1 or (ends_on + timedelta(days=1)).day != 1:
        return False
    months = (ends_on.year - starts_on.year) * 12 + ends_on.month - starts_on.month + 1
    return months == 1 or (months == 3 and starts_on.month in (1, 4, 7, 10)) or (months == 12 and starts_on.month == 1)


def is_public(starts_on: date, ends_on: date, *, today: date, earliest: date) -> bool:
    """Standard, over before today, and not wholly before the municipality's data begins."""
    return is_standard(starts_on, ends_on) and ends_on < today and ends_on >= earliest


async def statistics_job(
    municipality: Municipality, actor: Actor, starts_on: date, ends_on: date, lang: str
) -> DocumentJob:
    """The job of this period's document: a finished one is reused by anyone; a new one only within the rules
    above and the render budget (429 with Retry-After beyond it)."""
    today = clock.now().date()
    earliest = min(clock.aware(municipality.created_at).date(), await first_report_on(municipality.id) or today)
    public = is_public(starts_on, ends_on, today=today, earliest=earliest)
    if not public and not actor.holds(*INSIDERS):
        raise PeriodNotPublic(municipality.council_name)
    params = {"from": starts_on.isoformat(), "to": ends_on.isoformat(), "lang": lang}
    params["cover"] = cover_fingerprint(municipality)  # a new logo or council name is a new document
    if ends_on >= today:
        params["as_of"] = today.isoformat()  # a period still running is rendered afresh once a day at most
    job = await jobs.find(DEFECTS_PERIOD, municipality.id, params, audience=PUBLIC)
    if job is not None:
        return job
    requested_by = None if public else actor.user_id
    wait = await budget.retry_after(DEFECTS_PERIOD, municipality.id, requested_by)
    if wait is not None:
        raise TooManyRequestsException(headers={"Retry-After": str(wait)})
    return await jobs.request(DEFECTS_PERIOD, municipality.id, params, audience=PUBLIC, requested_by=requested_by)
