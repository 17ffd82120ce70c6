"""A survey's results as the people allowed to see them get them: admins live (also while open), the council
once it is closed, everyone once the results are published (if the survey publishes them at all).

Nobody who answers sees running results: while a survey is open only its admins do. A draft survey does not
exist for anyone but admins (404), so its title never leaks through the results address.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, replace
from typing import Any, Literal

from piccolo.query.functions.aggregate import Count, Sum

from geo.errors import Forbidden, Invalid, NotFound
from geo.roles import Role
from surveys.definition import Status, SurveyDefinition
from surveys.keys import code_hash
from surveys.plan import plan_of
from surveys.records import Record
from surveys.result_labels import audience_label, channel_label, district_label
from surveys.storage import load_responses, load_themes
from surveys.tables import FreeTextTheme, InvitationCode, Survey
from surveys.tally import (
    Breakdown,
    Choice,
    CrossTab,
    Group,
    Plan,
    QuestionResult,
    Row,
    breakdown,
    cross_tabs,
    published_breakdown,
    tally,
)

View = Literal["live", "internal", "published"]


class ResultsNotFound(NotFound):
    code = "survey-not-found"

    def __init__(self) -> None:
        super().__init__("Diese Umfrage gibt es hier nicht.", "There is no such survey here.", field="survey_id")


class ResultsNotPublic(Forbidden):
    code = "survey-results-not-published"

    def __init__(self) -> None:
        super().__init__(
            "Die Ergebnisse dieser Umfrage sind nicht veröffentlicht. Solange sie läuft, sieht niemand außer der "
            "Verwaltung Zwischenergebnisse.",
            "The results of this survey are not published. While it runs, nobody but the administration sees "
            "interim results.",
            field="survey_id",
        )


class ExportsForAdmins(Forbidden):
    code = "survey-export-admins-only"

    def __init__(self) -> None:
        super().__init__(
            "Die Rohdaten einer Umfrage laden nur Administratorinnen und Administratoren herunter.",
            "Only administrators download the raw data of a survey.",
            field="survey_id",
        )


@dataclass(frozen=True)
class SurveyForResults:
    id: int
    municipality: int
    title: str
    status: Status
    definition: SurveyDefinition


async def survey_in(municipality_id: int, survey_id: int) -> SurveyForResults:
    row = (
        await Survey.select(Survey.id, Survey.municipality, Survey.title, Survey.status, Survey.definition)
        .where((Survey.id == survey_id) & (Survey.municipality == municipality_id))
        .first()
    )
    if row is None:
        raise ResultsNotFound()
    definition = SurveyDefinition.model_validate(json.loads(row["definition"] or "{}"))
    return SurveyForResults(row["id"], row["municipality"], row["title"], Status(row["status"]), definition)


def view_for(survey: SurveyForResults, roles: frozenset[Role]) -> View:
    """Which results `roles` may see, or the error that says why not (pure)."""
    if Role.ADMIN in roles:
        return "live"
    if survey.status == Status.DRAFT:
        raise ResultsNotFound()
    if survey.status == Status.RESULTS_PUBLISHED and survey.definition.results_public:
        return "published"
    if roles & {Role.COUNCIL, Role.STAFF} and survey.status in (Status.CLOSED, Status.RESULTS_PUBLISHED):
        return "internal"  # staff too: they sort the approved free texts into themes for the council's report
    raise ResultsNotPublic()


def may_export(roles: frozenset[Role]) -> None:
    if Role.ADMIN not in roles:
        raise ExportsForAdmins()


class QuestionnaireNotOpen(Forbidden):
    code = "survey-questionnaire-not-open"

    def __init__(self) -> None:
        super().__init__(
            "Den Papierfragebogen gibt es für alle, solange die Umfrage läuft; sonst nur für die Verwaltung.",
            "The paper questionnaire is for everyone while the survey runs; otherwise for the administration only.",
            field="survey_id",
        )


class UnknownCodes(Invalid):
    code = "survey-unknown-codes"

    def __init__(self, index: int) -> None:
        super().__init__(
            "Diesen Code hat die Umfrage nicht ausgegeben. Gedruckt werden nur Codes dieser Umfrage.",
            "This survey did not issue this code. Only codes of this survey are printed.",
            field=f"codes[{index}]",
        )


def may_print_questionnaire(survey: SurveyForResults, roles: frozenset[Role]) -> None:
    """Staff type paper answers in and admins print the forms; while open anyone may print one at home."""
    if roles & {Role.ADMIN, Role.STAFF}:
        return
    if survey.status == Status.DRAFT:
        raise ResultsNotFound()
    if survey.status != Status.OPEN:
        raise QuestionnaireNotOpen()


def may_print_letters(roles: frozenset[Role]) -> None:
    if Role.ADMIN not in roles:
        raise ExportsForAdmins()


async def unknown_codes(survey_id: int, codes: list[str]) -> None:
    """Refuse (422, naming the first) any code the survey did not issue: letters never carry a made-up code."""
    hashes = [code_hash(survey_id, code) for code in codes]
    known = {
        row["code_hash"]
        for row in await InvitationCode.select(InvitationCode.code_hash).where(
            (InvitationCode.survey == survey_id) & InvitationCode.code_hash.is_in(hashes)
        )
    }
    for index, value in enumerate(hashes):
        if value not in known:
            raise UnknownCodes(index)


@dataclass(frozen=True)
class SurveyResults:
    """Everything the results page and the council report show."""

    survey_id: int
    title: str
    status: str
    view: View
    anonymous: bool
    breakdown: Breakdown
    questions: tuple[QuestionResult, ...]
    by_audience: tuple[CrossTab, ...]
    by_district: tuple[CrossTab, ...]


def _labelled(rows: tuple[Row, ...], label: Any, lang: str) -> tuple[Row, ...]:
    return tuple(replace(row, label=label(row.code, lang)) for row in rows)


def _label_groups(tabs: tuple[CrossTab, ...], label: Any, lang: str) -> tuple[CrossTab, ...]:
    return tuple(replace(tab, groups=tuple(replace(g, label=label(g.key, lang)) for g in tab.groups)) for tab in tabs)


def labelled_breakdown(counts: Breakdown, lang: str) -> Breakdown:
    return Breakdown(
        counts.total,
        _labelled(counts.audience, audience_label, lang),
        _labelled(counts.channel, channel_label, lang),
        _labelled(counts.district, lambda key, lang: district_label(key, lang), lang),
    )


def crosstab(
    plan: Plan, records: list[Record], definition: SurveyDefinition, by: str, lang: str
) -> tuple[CrossTab, ...]:
    if by == "audience":
        order = [a.value for a in definition.audiences]
        return _label_groups(cross_tabs(plan, records, by="audience", groups=order), audience_label, lang)
    return _label_groups(cross_tabs(plan, records, by="district"), district_label, lang)


def compute(
    survey: SurveyForResults, records: list[Record], view: View, lang: str = "de", themes: tuple[Choice, ...] = ()
) -> SurveyResults:
    plan = plan_of(survey.definition, lang, themes)
    return SurveyResults(
        survey_id=survey.id,
        title=survey.definition.title.get(lang),
        status=survey.status.value,
        view=view,
        anonymous=survey.definition.anonymous,
        breakdown=labelled_breakdown(
            breakdown(records) if view == "live" else published_breakdown(breakdown(records)), lang
        ),
        questions=tally(plan, records),
        by_audience=crosstab(plan, records, survey.definition, "audience", lang),
        by_district=crosstab(plan, records, survey.definition, "district", lang),
    )


# Results of closed surveys do not change but by moderation: kept per (survey, view, language) until a count moves.
_CACHE: dict[tuple[int, str, str], tuple[tuple[Any, ...], SurveyResults]] = {}
_CACHE_SIZE = 64


async def _fingerprint(survey: SurveyForResults) -> tuple[Any, ...]:
    """What the results depend on: the status, the definition and the survey's results version, which every
    response write and every moderation decision on its free text bumps in its own transaction; its creation time
    tells a survey apart from an earlier one of the same id (a database loaded afresh, e.g. the demo); and the
    theme tags (count and the sum of their ids: a tag set anew gets new ids)."""
    row = await Survey.select(Survey.results_version, Survey.created_at).where(Survey.id == survey.id).first()
    tags = (
        await FreeTextTheme.select(Count(FreeTextTheme.id, alias="n"), Sum(FreeTextTheme.id, alias="ids"))
        .where(FreeTextTheme.survey == survey.id)
        .first()
    )
    return (
        survey.status.value,
        hash(survey.definition.model_dump_json()),
        *(row or {}).values(),
        *(tags or {}).values(),
    )


async def results(survey: SurveyForResults, view: View, lang: str = "de") -> SurveyResults:
    """Counted afresh while the survey is open (admins' live view); once closed, reused while no response and no
    moderation decision on free text changed (two counts instead of reading 10,000 responses)."""
    themes = await load_themes(survey.id, lang)
    if survey.status not in (Status.CLOSED, Status.RESULTS_PUBLISHED):
        return await asyncio.to_thread(compute, survey, await load_responses(survey.id), view, lang, themes)
    key, fingerprint = (survey.id, view, lang), (*await _fingerprint(survey), themes)
    cached = _CACHE.get(key)
    if cached is not None and cached[0] == fingerprint:
        return cached[1]
    # counting 10,000 × 40 answers is CPU work: in a thread, so the worker's other requests keep their connections
    fresh = await asyncio.to_thread(compute, survey, await load_responses(survey.id), view, lang, themes)
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[key] = (fingerprint, fresh)
    return fresh


__all__ = ["Group", "SurveyResults", "compute", "crosstab", "may_export", "results", "survey_in", "view_for"]
