"""The Mängelmelder's figures for a period: what came in, what got done, how long it took, what waits longest.

Counted are confirmed, public reports received in the period; time to close runs from receipt to the
latest change into a closed status. No personal data is read.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from statistics import median
from typing import Any

from defects.tables import Report, StatusChange
from defects.workflow import CLOSED_STATUSES, STATUSES, Status
from geo import clock
from geo.clock import aware as _aware

PUBLIC = "public"
LONGEST_OPEN = 15


@dataclass(frozen=True)
class CategoryRow:
    name: str
    total: int
    open: int
    closed: int


@dataclass(frozen=True)
class NamedCount:
    name: str
    total: int


@dataclass(frozen=True)
class StatusRow:
    label: str
    group: str
    count: int


@dataclass(frozen=True)
class OpenReport:
    id: int
    category: str
    district: str | None
    status: str
    days_open: int
    address: str = ""


@dataclass(frozen=True)
class DefectStatistics:
    starts_on: date
    ends_on: date
    total: int
    open: int
    closed: int
    median_days_to_close: float | None
    by_category: list[CategoryRow]
    by_district: list[NamedCount]
    by_status: list[StatusRow]
    longest_open: list[OpenReport]


async def period_statistics(
    municipality_id: int, starts_on: date, ends_on: date, *, lang: str = "de", now: datetime | None = None
) -> DefectStatistics:
    """Figures for reports received from `starts_on` to `ends_on` (both inclusive)."""
    now = now or clock.now()
    start = datetime.combine(starts_on, time.min, tzinfo=UTC)
    end = clock.next_midnight(ends_on)
    name = Report.category.name_de if lang == "de" else Report.category.name_en
    rows: list[dict[str, Any]] = await Report.select(
        Report.id,
        Report.status,
        Report.created_at,
        name.as_alias("category"),
        Report.district.name.as_alias("district"),
        Report.address,
    ).where(
        (Report.municipality == municipality_id)
        & Report.confirmed_at.is_not_null()
        & (Report.visibility == PUBLIC)
        & (Report.created_at >= start)
        & (Report.created_at < end)
    )
    closed_rows = [r for r in rows if r["status"] in CLOSED_STATUSES]
    closing = await _closing_moments([r["id"] for r in closed_rows])
    durations = [
        (closing[r["id"]] - _aware(r["created_at"])).total_seconds() / 86400 for r in closed_rows if r["id"] in closing
    ]
    by_category: dict[str, list[int]] = {}
    for row in rows:
        counts = by_category.setdefault(row["category"], [0, 0])
        counts[0 if row["status"] in CLOSED_STATUSES else 1] += 1
    districts = Counter(row["district"] or ("ohne Stadtteil" if lang == "de" else "no district") for row in rows)
    statuses = Counter(row["status"] for row in rows)
    label = "label_de" if lang == "de" else "label_en"
    open_rows = sorted((r for r in rows if r["status"] not in CLOSED_STATUSES), key=lambda r: r["created_at"])
    return DefectStatistics(
        starts_on=starts_on,
        ends_on=ends_on,
        total=len(rows),
        open=len(rows) - len(closed_rows),
        closed=len(closed_rows),
        median_days_to_close=round(median(durations), 1) if durations else None,
        by_category=sorted((CategoryRow(c, o + d, o, d) for c, (d, o) in by_category.items()), key=lambda r: -r.total),
        by_district=[NamedCount(n, c) for n, c in districts.most_common()],
        by_status=[
            StatusRow(getattr(STATUSES[s], label), STATUSES[s].group.value, statuses[s]) for s in Status if statuses[s]
        ],
        longest_open=[
            OpenReport(
                r["id"],
                r["category"],
                r["district"],
                getattr(STATUSES[Status(r["status"])], label),
                (now - _aware(r["created_at"])).days,
                r["address"],
            )
            for r in open_rows[:LONGEST_OPEN]
        ],
    )


async def _closing_moments(report_ids: list[int]) -> dict[int, datetime]:
    """The latest change into a closed status, per report (a reopened and closed again report counts once)."""
    moments: dict[int, datetime] = {}
    for offset in range(0, len(report_ids), 500):
        changes = await StatusChange.select(StatusChange.report, StatusChange.created_at).where(
            StatusChange.report.is_in(report_ids[offset : offset + 500])
            & StatusChange.to_status.is_in([s.value for s in CLOSED_STATUSES])
        )
        for change in changes:
            moment = _aware(change["created_at"])
            if change["report"] not in moments or moment > moments[change["report"]]:
                moments[change["report"]] = moment
    return moments


async def open_data_rows(municipality_id: int, starts_on: date, ends_on: date) -> AsyncIterator[dict[str, Any]]:
    """Confirmed public reports of the period as open data: no reporter, no contact, no answers to questions."""
    start = datetime.combine(starts_on, time.min, tzinfo=UTC)
    end = clock.next_midnight(ends_on)
    last_id = 0
    while True:
        rows = (
            await Report.select(
                Report.id,
                Report.category._.code.as_alias("category_code"),
                Report.category._.name_de.as_alias("category"),
                Report.district._.name.as_alias("district"),
                Report.status,
                Report.description,
                Report.lat,
                Report.lon,
                Report.placed,
                Report.affected_count,
                Report.created_at,
            )
            .where(
                (Report.municipality == municipality_id)
                & Report.confirmed_at.is_not_null()
                & (Report.visibility == PUBLIC)
                & (Report.created_at >= start)
                & (Report.created_at < end)
                & (Report.id > last_id)
            )
            .order_by(Report.id)
            .limit(1000)
        )
        if not rows:
            return
        for row in rows:
            status = Status(row["status"])
            if not row.pop("placed"):  # filed by address alone: its point is only provisional
                row["lat"] = row["lon"] = None
            yield {
                **row,
                "status_group": STATUSES[status].group.value,
                "created_at": _aware(row["created_at"]).isoformat(),
            }
        last_id = rows[-1]["id"]


async def first_report_on(municipality_id: int) -> date | None:
    """The day the municipality's earliest report came in (None without reports): statistics begin there."""
    row = (
        await Report.select(Report.created_at)
        .where(Report.municipality == municipality_id)
        .order_by(Report.created_at)
        .first()
    )
    return None if row is None else _aware(row["created_at"]).date()


# The live figures of the back office's statistics dashboard -------------------------------------------------

TREND_WEEKS = 12
LONGEST_PERIOD_DAYS = 3 * 365  # the PDF and the open data accept at most three years


@dataclass(frozen=True)
class WeekTrend:
    week: str  # ISO week, e.g. "2026-W49"
    starts_on: date  # its Monday
    new: int  # confirmed public reports received that week
    closed: int  # reports closed that week (their latest change into a closed status)


@dataclass(frozen=True)
class LiveDefectFigures:
    period: DefectStatistics  # status, category, district and time to close since the first report
    median_days_to_first_answer: float | None
    overdue_after_days: int
    overdue_by_department: list[NamedCount]
    weeks: list[WeekTrend]


async def live_figures(
    municipality_id: int, *, overdue_after: timedelta, lang: str = "de", now: datetime | None = None
) -> LiveDefectFigures:
    """The dashboard's figures: everything since the first report (at most three years), the time to the first
    answer (the first public status change after filing), overdue reports per department as the reminder mails
    count them (open, no change for `overdue_after`), and new against closed per ISO week of the last 12 weeks."""
    now = now or clock.now()
    today = now.date()
    starts_on = max(await first_report_on(municipality_id) or today, today - timedelta(days=LONGEST_PERIOD_DAYS))
    period = await period_statistics(municipality_id, starts_on, today, lang=lang, now=now)
    rows = await Report.select(Report.id, Report.status, Report.created_at).where(
        (Report.municipality == municipality_id) & Report.confirmed_at.is_not_null() & (Report.visibility == PUBLIC)
    )
    received = {r["id"]: _aware(r["created_at"]) for r in rows}
    answers = await _first_answers([r["id"] for r in rows if _aware(r["created_at"]).date() >= starts_on])
    waits = [(moment - received[report_id]).total_seconds() / 86400 for report_id, moment in answers.items()]
    closing = await _closing_moments([r["id"] for r in rows if r["status"] in CLOSED_STATUSES])
    return LiveDefectFigures(
        period=period,
        median_days_to_first_answer=round(median(waits), 1) if waits else None,
        overdue_after_days=overdue_after.days,
        overdue_by_department=await _overdue_by_department(municipality_id, now - overdue_after, lang),
        weeks=_weekly_trend(list(received.values()), list(closing.values()), today),
    )


async def _first_answers(report_ids: list[int]) -> dict[int, datetime]:
    """The first status change after filing (filing itself records one without a `from_status`), per report."""
    moments: dict[int, datetime] = {}
    for offset in range(0, len(report_ids), 500):
        changes = await StatusChange.select(StatusChange.report, StatusChange.created_at).where(
            StatusChange.report.is_in(report_ids[offset : offset + 500]) & StatusChange.from_status.is_not_null()
        )
        for change in changes:
            moment = _aware(change["created_at"])
            if change["report"] not in moments or moment < moments[change["report"]]:
                moments[change["report"]] = moment
    return moments


async def _overdue_by_department(municipality_id: int, cutoff: datetime, lang: str) -> list[NamedCount]:
    """Open confirmed reports without a change since `cutoff`, per responsible department (the reminders' rule)."""
    rows = await Report.select(Report.category._.department._.name.as_alias("department")).where(
        (Report.municipality == municipality_id)
        & Report.confirmed_at.is_not_null()
        & Report.status.is_in([s.value for s in STATUSES if s not in CLOSED_STATUSES])
        & (Report.updated_at < cutoff)
    )
    none = "ohne Abteilung" if lang == "de" else "no department"
    counts = Counter(row["department"] or none for row in rows)
    return [NamedCount(name, count) for name, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def _weekly_trend(received: list[datetime], closed: list[datetime], today: date) -> list[WeekTrend]:
    """New and closed per ISO week, the current week last; weeks without either are listed with zeros."""
    monday = today - timedelta(days=today.weekday())
    mondays = [monday - timedelta(weeks=back) for back in range(TREND_WEEKS - 1, -1, -1)]
    new = Counter(_monday(moment) for moment in received)
    done = Counter(_monday(moment) for moment in closed)
    weeks = []
    for start in mondays:
        year, week, _ = start.isocalendar()
        weeks.append(WeekTrend(f"{year}-W{week:02d}", start, new[start], done[start]))
    return weeks


def _monday(moment: datetime) -> date:
    day = moment.astimezone(UTC).date()
    return day - timedelta(days=day.weekday())
