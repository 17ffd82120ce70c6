"""A stored survey with responses, written straight into the tables (the answering API is another module's)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from surveys.definition import SurveyDefinition
from surveys.records import Record
from surveys.services.free_text import bump_results_version
from surveys.tables import FreeTextAnswer, Survey, SurveyResponse


async def stored_survey(municipality_id: int, definition: SurveyDefinition, status: str = "open") -> int:
    row = await Survey.insert(
        Survey(
            municipality=municipality_id,
            title=definition.title.de,
            definition=definition.model_dump_json(),
            status=status,
        )
    ).returning(Survey.id)
    return int(row[0]["id"])


async def stored_responses(survey_id: int, records: Iterable[Record], free_text_keys: Iterable[str] = ()) -> list[int]:
    """Store the records; their free-text answers become moderated items, public when the record approves them."""
    keys = set(free_text_keys)
    ids = []
    for record in records:
        row = await SurveyResponse.insert(
            SurveyResponse(
                survey=survey_id,
                answers=json.dumps(record.answers),
                audience=record.audience.value,
                channel=record.channel.value,
                district=record.district,
                day=record.day,
            )
        ).returning(SurveyResponse.id)
        rid = int(row[0]["id"])
        ids.append(rid)
        for key in keys & set(record.answers):
            await FreeTextAnswer.insert(
                FreeTextAnswer(
                    response=rid,
                    survey=survey_id,
                    key=key,
                    text=str(record.answers[key]),
                    visibility="public" if key in record.approved_free_text else "pending",
                )
            )
    await bump_results_version(survey_id)  # as every response write of the answering service does
    return ids


async def set_status(survey_id: int, status: str) -> None:
    await Survey.update({Survey.status: status}).where(Survey.id == survey_id)
