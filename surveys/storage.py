"""Reading stored responses for the results side (tallies, cross-tabs, exports, the council report)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from surveys.definition import Audience, Channel
from surveys.records import Record
from surveys.tables import FreeTextAnswer, FreeTextTheme, SurveyResponse, SurveyTheme
from surveys.tally import Choice


def _day(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


async def load_responses(survey_id: int) -> list[Record]:
    """Every submitted response of a survey, oldest first, with which free-text answers are public."""
    rows = (
        await SurveyResponse.select(
            SurveyResponse.id,
            SurveyResponse.answers,
            SurveyResponse.audience,
            SurveyResponse.channel,
            SurveyResponse.district,
            SurveyResponse.day,
        )
        .where(SurveyResponse.survey == survey_id)
        .order_by(SurveyResponse.id)
    )
    approved: dict[int, set[str]] = {}
    answer_of: dict[int, tuple[int, str]] = {}
    for item in await FreeTextAnswer.select(FreeTextAnswer.id, FreeTextAnswer.response, FreeTextAnswer.key).where(
        (FreeTextAnswer.survey == survey_id) & (FreeTextAnswer.visibility == "public")
    ):
        approved.setdefault(item["response"], set()).add(item["key"])
        answer_of[item["id"]] = (item["response"], item["key"])
    themes: dict[int, dict[str, list[int]]] = {}
    for tag in await FreeTextTheme.select(FreeTextTheme.answer, FreeTextTheme.theme).where(
        FreeTextTheme.survey == survey_id
    ):
        if tag["answer"] in answer_of:  # tags of an answer withdrawn since stay, unseen
            response, key = answer_of[tag["answer"]]
            themes.setdefault(response, {}).setdefault(key, []).append(tag["theme"])
    return [
        Record(
            id=row["id"],
            answers=json.loads(row["answers"] or "{}"),
            audience=Audience(row["audience"]),
            channel=Channel(row["channel"]),
            district=row["district"],
            day=_day(row["day"]),
            approved_free_text=frozenset(approved.get(row["id"], ())),
            free_text_themes={key: tuple(sorted(ids)) for key, ids in themes.get(row["id"], {}).items()},
        )
        for row in rows
    ]


async def load_themes(survey_id: int, lang: str = "de") -> tuple[Choice, ...]:
    """The survey's themes in the order they were made, labelled in `lang` (German when English is missing)."""
    rows = await SurveyTheme.select().where(SurveyTheme.survey == survey_id).order_by(SurveyTheme.id)
    label = (lambda row: row["label_en"] or row["label_de"]) if lang == "en" else (lambda row: row["label_de"])
    return tuple(Choice(str(row["id"]), label(row), row["id"]) for row in rows)


async def store_response(
    survey_id: int,
    answers: dict[str, Any],
    *,
    audience: Audience,
    channel: Channel = Channel.ONLINE,
    district: str | None = None,
    day: dt.date,
    free_text_visibility: str = "pending",
) -> int:
    """Write one response as it is (no access check, no mark): for the demo, imports and benchmarks only.
    Free-text answers get rows of their own with `free_text_visibility` (curated demo content: "public")."""
    from surveys.definition import free_text_codes
    from surveys.tables import Survey

    row = SurveyResponse(
        survey=survey_id,
        answers=json.dumps(answers, ensure_ascii=False),
        audience=audience.value,
        channel=channel.value,
        district=district,
        day=day,
    )
    await row.save()
    survey = await Survey.select(Survey.definition).where(Survey.id == survey_id).first()
    if survey is not None:
        from surveys.definition import SurveyDefinition

        definition = SurveyDefinition.model_validate_json(survey["definition"])
        for key in free_text_codes(definition):
            text = answers.get(key)
            if isinstance(text, str) and text.strip():
                await FreeTextAnswer(
                    response=row.id, survey=survey_id, key=key, text=text, visibility=free_text_visibility
                ).save()
    return int(row.id)
