"""The back office's statistics dashboard: the Mängelmelder's live figures and participation per consultation,
combined here (content packages do not import each other), and the scheduled jobs' last and next runs."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from pydantic import BaseModel

from backend.schedule import lease
from backend.schedule.jobs import NAMES as JOB_NAMES
from defects.services.reopening import confirmation_by_department
from defects.services.statistics import live_figures
from geo import clock
from proposals.results import participation_overview


class NamedCountOut(BaseModel):
    name: str
    count: int


class StatusCountOut(BaseModel):
    label: str
    group: str  # open | closed
    count: int


class CategoryCountOut(BaseModel):
    name: str
    total: int
    open: int
    closed: int


class WeekOut(BaseModel):
    week: str  # ISO week, e.g. "2026-W49"
    starts_on: date
    new: int
    closed: int


class FixConfirmationOut(BaseModel):
    """Per department: the reporters asked "Ist der Mangel behoben?" after closing as fixed, and their answers."""

    name: str
    asked: int
    answered: int
    fixed: int  # ja
    partly: int  # teilweise
    not_fixed: int  # nein
    share_confirmed: float | None  # ja of all answers (0..1), None without answers


class DefectFiguresOut(BaseModel):
    since: date  # the figures count confirmed public reports received from this day …
    until: date  # … to this day
    total: int
    open: int
    closed: int
    median_days_to_first_answer: float | None
    median_days_to_close: float | None
    overdue_after_days: int
    by_status: list[StatusCountOut]
    by_category: list[CategoryCountOut]
    by_district: list[NamedCountOut]
    overdue_by_department: list[NamedCountOut]
    weeks: list[WeekOut]
    fix_confirmations: list[FixConfirmationOut] = []


class ConsultationFiguresOut(BaseModel):
    id: int
    title: str
    status: str  # published | archived
    participants: int
    proposals: int
    comments: int
    votes: int


class StatisticsOut(BaseModel):
    generated_at: datetime
    defects: DefectFiguresOut
    participation: list[ConsultationFiguresOut]


class ScheduledJobOut(BaseModel):
    name: str  # remind-overdue | send-digests | purge-unconfirmed
    running: bool
    last_started_at: datetime | None
    last_finished_at: datetime | None
    last_outcome: str  # "" (never ran) | ok | failed
    last_count: int | None
    next_run_at: datetime | None


async def statistics(
    municipality_id: int, *, reminder_days: int, lang: str = "de", now: datetime | None = None
) -> StatisticsOut:
    now = now or clock.now()
    figures = await live_figures(municipality_id, overdue_after=timedelta(days=reminder_days), lang=lang, now=now)
    period = figures.period
    return StatisticsOut(
        generated_at=now,
        defects=DefectFiguresOut(
            since=period.starts_on,
            until=period.ends_on,
            total=period.total,
            open=period.open,
            closed=period.closed,
            median_days_to_first_answer=figures.median_days_to_first_answer,
            median_days_to_close=period.median_days_to_close,
            overdue_after_days=figures.overdue_after_days,
            by_status=[StatusCountOut(label=s.label, group=s.group, count=s.count) for s in period.by_status],
            by_category=[
                CategoryCountOut(name=c.name, total=c.total, open=c.open, closed=c.closed) for c in period.by_category
            ],
            by_district=[NamedCountOut(name=d.name, count=d.total) for d in period.by_district],
            overdue_by_department=[NamedCountOut(name=d.name, count=d.total) for d in figures.overdue_by_department],
            weeks=[WeekOut(week=w.week, starts_on=w.starts_on, new=w.new, closed=w.closed) for w in figures.weeks],
            fix_confirmations=[
                FixConfirmationOut(
                    name=c.department,
                    asked=c.asked,
                    answered=c.answered,
                    fixed=c.fixed,
                    partly=c.partly,
                    not_fixed=c.not_fixed,
                    share_confirmed=c.share_confirmed,
                )
                for c in await confirmation_by_department(
                    municipality_id, none_label="without department" if lang == "en" else "ohne Fachbereich"
                )
            ],
        ),
        participation=[
            ConsultationFiguresOut(
                id=c.id,
                title=c.title,
                status=c.status,
                participants=c.totals.participants,
                proposals=c.totals.proposals,
                comments=c.totals.comments,
                votes=c.totals.votes,
            )
            for c in await participation_overview(municipality_id)
        ],
    )


async def scheduled_jobs() -> list[ScheduledJobOut]:
    """The app's jobs as they stand (a row left by a job that no longer exists is not shown)."""
    return [ScheduledJobOut(**vars(state)) for state in await lease.states(clock.now()) if state.name in JOB_NAMES]
