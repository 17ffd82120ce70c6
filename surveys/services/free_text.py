"""Free-text answers as moderated content ("survey_answer"): nothing of them is public before a moderator's yes."""

from __future__ import annotations

from typing import Any

from moderation import hook
from moderation.hook import Contribution, Outcome, Visibility
from surveys.definition import SurveyDefinition, free_text_codes
from surveys.tables import FreeTextAnswer, Survey

CONTENT_TYPE = "survey_answer"


async def register_free_text(
    municipality_id: int,
    survey_id: int,
    response_id: int,
    definition: SurveyDefinition,
    answers: dict[str, Any],
    *,
    new: bool = False,
) -> None:
    """(Re-)enter every free text of one response into moderation; each waits as pending for a decision.
    `new`: the response was just written, so it has no earlier texts to remove.

    Every write of a response (submit, change, paper entry) comes through here, in its transaction: the
    results' cache key moves with it."""
    await bump_results_version(survey_id)
    if not new:
        await FreeTextAnswer.delete().where(FreeTextAnswer.response == response_id)
    for key in free_text_codes(definition):
        text = answers.get(key)
        if not isinstance(text, str) or not text.strip():
            continue
        row = FreeTextAnswer(response=response_id, survey=survey_id, key=key, text=text, visibility="pending")
        await row.save()
        # The returned visibility is ignored on purpose: whatever the policy (also post-moderation), a survey's
        # free text stays pending here until a moderator's yes reaches apply_free_text_outcome.
        await hook.submit(
            Contribution(
                municipality_id=municipality_id,
                content_type=CONTENT_TYPE,
                content_id=row.id,
                author_id=None,  # never: answers stay apart from any account
                text=text,
                context_id=None,  # moderation's contexts are consultations; a survey id is none of them
            )
        )


async def bump_results_version(survey_id: int) -> None:
    """The survey's results changed: cached results of it are stale (see surveys.results._fingerprint)."""
    await Survey.update({Survey.results_version: Survey.results_version + 1}).where(Survey.id == survey_id)


async def apply_free_text_outcome(outcome: Outcome) -> None:
    """A moderator's decision on one free-text answer; a redaction replaces the text there and in the answers."""
    values: dict[Any, Any] = {FreeTextAnswer.visibility: Visibility(outcome.visibility).value}
    if outcome.redacted_text is not None:
        values[FreeTextAnswer.text] = outcome.redacted_text
    await FreeTextAnswer.update(values).where(FreeTextAnswer.id == outcome.content_id)
    owner = await FreeTextAnswer.select(FreeTextAnswer.survey).where(FreeTextAnswer.id == outcome.content_id).first()
    if owner:
        await bump_results_version(owner["survey"])
    if outcome.redacted_text is not None:
        import json

        from surveys.tables import SurveyResponse

        row = (
            await FreeTextAnswer.select(FreeTextAnswer.response, FreeTextAnswer.key)
            .where(FreeTextAnswer.id == outcome.content_id)
            .first()
        )
        if row:
            response = (
                await SurveyResponse.select(SurveyResponse.answers).where(SurveyResponse.id == row["response"]).first()
            )
            if response:
                answers = json.loads(response["answers"])
                answers[row["key"]] = outcome.redacted_text
                await SurveyResponse.update({SurveyResponse.answers: json.dumps(answers, ensure_ascii=False)}).where(
                    SurveyResponse.id == row["response"]
                )


async def export_nothing(user_id: int) -> list[Any]:
    """Free-text answers carry no account: there is nothing of a person to export."""
    return []


async def erase_nothing(user_id: int) -> None:
    """Free-text answers carry no account: there is nothing of a person to erase."""
    return None
