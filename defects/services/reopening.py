"""After "erledigt": the one short question to the reporter ("Ist der Mangel behoben?") and reopening.

Closing a report as fixed mails its reporter one question with three one-click links (ja / nein / teilweise);
the link's token works without login, once. A resident who says it is not fixed (by that token, or as the
reporter, someone affected or a follower with an account) may reopen the report within a period: it goes back
to its department as "in Bearbeitung", marked as reopened, with the reason as a public history note, and the
department gets a mail. The answers feed the dashboard (per department: the share confirmed fixed).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from contributions.actor import Actor, LoginRequired
from contributions.following import DEFECT_REPORT, Target, followers_of
from contributions.notifications import Notice, Post, tell
from defects import mapcache
from defects.errors import InvalidCheckToken, NotReopenable, NotYourReport
from defects.rules import handling_department
from defects.schemas import FixAnswerIn, FixQuestionOut
from defects.services.categories import get_category_by_id
from defects.services.departments import addresses
from defects.services.updates import may_speak, visible_report
from defects.tables import FixQuestion, Report, StatusChange
from defects.workflow import REOPENED, Status, label, may_reopen
from geo import clock
from geo.clock import aware
from geo.tables import Department, Municipality

ANSWERS = ("ja", "nein", "teilweise")
REOPENED_BY = "Wieder geöffnet von der meldenden Person"
REOPENED_BY_OTHER = "Wieder geöffnet von Betroffenen"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def check_link(post: Post, slug: str, report_id: int, token: str, answer: str) -> str:
    """The landing page of one answer (the page sends it; no mail scanner answers by prefetching a link)."""
    return f"{post.links.report(slug, report_id)}/check/{token}/{answer}"


async def ask_if_fixed(
    municipality: Municipality, report: dict[str, Any], department_id: int | None, *, post: Post
) -> None:
    """Within the caller's transaction, once a report is closed as fixed: one question to its reporter (a
    report closed as fixed again after a reopening asks again; an unanswered older question stops working)."""
    email = str(report["reporter_email"] or "")
    if not email:
        return
    await FixQuestion.delete().where((FixQuestion.report == report["id"]) & (FixQuestion.answer == ""))
    token = secrets.token_urlsafe(24)
    await FixQuestion(
        report=report["id"], municipality=municipality.id, department=department_id, token_hash=_digest(token)
    ).save()
    category = await get_category_by_id(report["category"])
    await post.mailer.send(
        to=email,
        template="defects/fix_question",
        context={
            "id": report["id"],
            "category_de": category["name_de"],
            "category_en": category["name_en"],
            "municipality": municipality.name,
            "link": post.links.report(municipality.slug, report["id"]),
            **{f"{a}_url": check_link(post, municipality.slug, report["id"], token, a) for a in ANSWERS},
        },
        locale=report["locale"],
        municipality_id=municipality.id,
    )


async def _question(municipality: Municipality, token: str) -> dict[str, Any]:
    row = (
        await FixQuestion.select(*FixQuestion.all_columns())
        .where((FixQuestion.token_hash == _digest(token)) & (FixQuestion.municipality == municipality.id))
        .first()
    )
    if row is None:
        raise InvalidCheckToken()
    return row


async def _closed_at(report_id: int) -> datetime | None:
    row = (
        await StatusChange.select(StatusChange.created_at)
        .where((StatusChange.report == report_id) & (StatusChange.to_status == Status.FIXED.value))
        .order_by(StatusChange.id, ascending=False)
        .first()
    )
    return aware(row["created_at"]) if row else None


async def _reopen_until(report: dict[str, Any], days: int) -> datetime | None:
    """Until when the report can be reopened; None when it cannot (not closed as fixed, or too late)."""
    if not may_reopen(report["status"]):
        return None
    closed = await _closed_at(report["id"])
    if closed is None:
        return None
    until = closed + timedelta(days=days)
    return until if clock.now() <= until else None


async def _state(question: dict[str, Any], days: int) -> FixQuestionOut:
    report = await Report.select(*Report.all_columns()).where(Report.id == question["report"]).first()
    assert report is not None
    until = await _reopen_until(report, days)
    return FixQuestionOut(
        report_id=report["id"],
        answer=question["answer"],
        comment=question["comment"],
        may_reopen=until is not None and question["answer"] in ("nein", "teilweise"),
        reopen_until=until,
    )


async def fix_question(municipality: Municipality, token: str, *, reopen_days: int) -> FixQuestionOut:
    """What the landing page shows for a token (the answer given so far, whether reopening is possible)."""
    return await _state(await _question(municipality, token), reopen_days)


async def answer_if_fixed(municipality: Municipality, data: FixAnswerIn, *, reopen_days: int) -> FixQuestionOut:
    """Record the answer (a later one from the same link replaces it while the link lives: a click on "ja"
    then "nein" on second thought counts as nein; the comment is kept unless a new one is given)."""
    question = await _question(municipality, data.token)
    values: dict[Any, Any] = {FixQuestion.answer: data.answer, FixQuestion.answered_at: clock.now()}
    if data.comment.strip():
        values[FixQuestion.comment] = data.comment.strip()
    await FixQuestion.update(values).where(FixQuestion.id == question["id"])
    return await _state(
        {**question, **{"answer": data.answer, "comment": data.comment.strip() or question["comment"]}}, reopen_days
    )


@dataclass(frozen=True)
class Reopening:
    report_id: int
    by_token: bool


async def reopen(
    municipality: Municipality,
    report_id: int,
    viewer: Actor,
    reason: str,
    *,
    token: str | None,
    reopen_days: int,
    post: Post,
) -> Reopening:
    """Guards first (the person speaks for the report, it is closed as fixed, within the period), then one
    transaction: back to "in Bearbeitung", marked reopened, a public history note, followers and the
    department told."""
    report = await visible_report(municipality, report_id, viewer)
    by_token = False
    if token:
        question = await _question(municipality, token)
        if question["report"] != report_id:
            raise InvalidCheckToken()
        by_token = True
    elif viewer.user_id is None:
        raise LoginRequired()
    elif not await may_speak(viewer, report):
        raise NotYourReport()
    if not may_reopen(report["status"]):
        raise NotReopenable()
    if await _reopen_until(report, reopen_days) is None:
        raise NotReopenable(reopen_days)
    category = await get_category_by_id(report["category"])
    department_id = handling_department(report, category)
    department = (
        await Department.select(*Department.all_columns()).where(Department.id == department_id).first()
        if department_id is not None
        else None
    )
    reason = reason.strip()
    is_reporter = by_token or (viewer.user_id is not None and viewer.user_id == report["author"])
    now = clock.now()
    link = post.links.report(municipality.slug, report_id)
    async with Report._meta.db.transaction():
        await Report.update(
            {Report.status: REOPENED.value, Report.reopened_at: now, Report.updated_at: now, Report.reminded_at: None}
        ).where(Report.id == report_id)
        await StatusChange(
            report=report_id,
            from_status=report["status"],
            to_status=REOPENED.value,
            note=reason,
            actor=viewer.user_id,
            actor_label=REOPENED_BY if is_reporter else REOPENED_BY_OTHER,
        ).save()
        if by_token:  # the reporter said it is not fixed by reopening, whatever they clicked before
            await FixQuestion.update({FixQuestion.answer: "nein", FixQuestion.answered_at: now}).where(
                (FixQuestion.token_hash == _digest(str(token))) & (FixQuestion.answer.is_in(["", "ja"]))
            )
        mapcache.forget(municipality.id)
        context = {
            "id": report_id,
            "category_de": category["name_de"],
            "department": department["name"] if department else municipality.name,
            "reason": reason,
            "address": report["address"],
            "link": link,
            "queue_link": post.links.staff_queue(municipality.slug),
        }
        for to in addresses(department) if department else [municipality.contact_email]:
            if to:
                await post.mailer.send(
                    to=to, template="defects/reopened", context=context, locale="de", municipality_id=municipality.id
                )
        about = Target(DEFECT_REPORT, report_id)
        await tell(
            await followers_of(about),
            Notice(
                text_de=f"Meldung #{report_id} wurde wieder geöffnet: {label(REOPENED)}.",
                text_en=f"Report #{report_id} has been reopened: {label(REOPENED, 'en')}.",
                link=link,
            ),
            municipality=municipality,
            post=post,
            about=about,
        )
    return Reopening(report_id, by_token)


# --- the dashboard's figure -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FixConfirmation:
    department: str
    asked: int
    answered: int
    fixed: int  # ja
    partly: int  # teilweise
    not_fixed: int  # nein

    @property
    def share_confirmed(self) -> float | None:
        """The share of answers that confirm the fix (ja), of all answers; None without answers."""
        return round(self.fixed / self.answered, 3) if self.answered else None


async def confirmation_by_department(
    municipality_id: int, *, none_label: str = "ohne Fachbereich"
) -> list[FixConfirmation]:
    """Per department: how many were asked after closing, how many answered, and what."""
    rows = await FixQuestion.select(FixQuestion.department.name.as_alias("department_name"), FixQuestion.answer).where(
        FixQuestion.municipality == municipality_id
    )
    tally: dict[str, dict[str, int]] = {}
    for r in rows:
        counts = tally.setdefault(r["department_name"] or none_label, {"asked": 0, **dict.fromkeys(ANSWERS, 0)})
        counts["asked"] += 1
        if r["answer"] in ANSWERS:
            counts[r["answer"]] += 1
    return [
        FixConfirmation(
            department=name,
            asked=c["asked"],
            answered=c["ja"] + c["nein"] + c["teilweise"],
            fixed=c["ja"],
            partly=c["teilweise"],
            not_fixed=c["nein"],
        )
        for name, c in sorted(tally.items())
    ]
