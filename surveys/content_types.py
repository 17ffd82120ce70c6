"""The content type of surveys (free-text answers) and the personal data named surveys hold."""

from __future__ import annotations

import json
from typing import Any

from contributions.registry import ContentType, PersonalData
from surveys.services.free_text import CONTENT_TYPE, apply_free_text_outcome, erase_nothing, export_nothing
from surveys.tables import SurveyResponse


async def export_named_responses(user_id: int) -> list[dict[str, Any]]:
    """Answers to non-anonymous surveys carry the account; anonymous ones carry nothing to find."""
    rows = await SurveyResponse.select(
        SurveyResponse.survey, SurveyResponse.survey.title, SurveyResponse.answers, SurveyResponse.day
    ).where(SurveyResponse.account == user_id)
    return [
        {"survey": r["survey"], "title": r["survey.title"], "answers": json.loads(r["answers"]), "day": str(r["day"])}
        for r in rows
    ]


async def erase_named_responses(user_id: int) -> None:
    """The answers stay counted, without the account (as if given anonymously)."""
    await SurveyResponse.update({SurveyResponse.account: None}).where(SurveyResponse.account == user_id)


CONTENT_TYPES = (ContentType(CONTENT_TYPE, apply_free_text_outcome, export_nothing, erase_nothing),)
PERSONAL_DATA = (PersonalData("survey_responses", export_named_responses, erase_named_responses),)
