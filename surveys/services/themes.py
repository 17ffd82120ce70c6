"""Themes of a survey: staff define them and tag approved free-text answers with one or more of them.

Only approved ("public") answers can be tagged, and only they are listed here: a pending or rejected text never
leaves moderation. The results count per question how many approved answers sit in each theme.
"""

from __future__ import annotations

from typing import Any

from piccolo.query.functions.aggregate import Count

from contributions.actor import Actor
from geo.tables import Municipality
from surveys import rules, schemas
from surveys.definition import OTHER
from surveys.errors import AnswerNotTaggable, MayNotTag, ThemeExists, ThemeNotFound, UnknownTheme
from surveys.services.building import definition_of, survey_row
from surveys.tables import FreeTextAnswer, FreeTextTheme, SurveyTheme


async def _survey(municipality: Municipality, survey_id: int, actor: Actor) -> dict[str, Any]:
    if not rules.may_tag_themes(actor):
        raise MayNotTag()
    return await survey_row(municipality, survey_id, actor)


def _label(row: dict[str, Any]) -> schemas.ThemeLabel:
    return schemas.ThemeLabel(de=row["label_de"], en=row["label_en"] or None)


async def list_themes(municipality: Municipality, survey_id: int, actor: Actor) -> list[schemas.SurveyTheme]:
    await _survey(municipality, survey_id, actor)
    return await _themes(survey_id)


async def _themes(survey_id: int) -> list[schemas.SurveyTheme]:
    rows = await SurveyTheme.select().where(SurveyTheme.survey == survey_id).order_by(SurveyTheme.id)
    counts = {
        row["theme"]: row["n"]
        for row in await FreeTextTheme.select(FreeTextTheme.theme, Count(FreeTextTheme.id, alias="n"))
        .where((FreeTextTheme.survey == survey_id) & (FreeTextTheme.answer.visibility == "public"))
        .group_by(FreeTextTheme.theme)
    }
    return [schemas.SurveyTheme(id=row["id"], label=_label(row), answers=counts.get(row["id"], 0)) for row in rows]


async def _unique(survey_id: int, label: str, but: int | None = None) -> None:
    for row in await SurveyTheme.select(SurveyTheme.id, SurveyTheme.label_de).where(SurveyTheme.survey == survey_id):
        if row["label_de"].casefold() == label.casefold() and row["id"] != but:
            raise ThemeExists()


async def create_theme(
    municipality: Municipality, survey_id: int, actor: Actor, data: schemas.SurveyThemeCreate
) -> schemas.SurveyTheme:
    await _survey(municipality, survey_id, actor)
    await _unique(survey_id, data.label.de)
    row = SurveyTheme(survey=survey_id, label_de=data.label.de, label_en=data.label.en or None)
    await row.save()
    return schemas.SurveyTheme(id=row.id, label=data.label.model_copy(update={"en": data.label.en or None}), answers=0)


async def _theme(survey_id: int, theme_id: int) -> dict[str, Any]:
    row = await SurveyTheme.select().where((SurveyTheme.id == theme_id) & (SurveyTheme.survey == survey_id)).first()
    if row is None:
        raise ThemeNotFound()
    return dict(row)


async def rename_theme(
    municipality: Municipality, survey_id: int, theme_id: int, actor: Actor, data: schemas.SurveyThemeCreate
) -> schemas.SurveyTheme:
    await _survey(municipality, survey_id, actor)
    await _theme(survey_id, theme_id)
    await _unique(survey_id, data.label.de, but=theme_id)
    await SurveyTheme.update({SurveyTheme.label_de: data.label.de, SurveyTheme.label_en: data.label.en or None}).where(
        SurveyTheme.id == theme_id
    )
    return next(theme for theme in await _themes(survey_id) if theme.id == theme_id)


async def delete_theme(municipality: Municipality, survey_id: int, theme_id: int, actor: Actor) -> None:
    """The theme and its tags go; the answers stay as they are."""
    await _survey(municipality, survey_id, actor)
    await _theme(survey_id, theme_id)
    async with SurveyTheme._meta.db.transaction():
        await FreeTextTheme.delete().where(FreeTextTheme.theme == theme_id)
        await SurveyTheme.delete().where(SurveyTheme.id == theme_id)


def question_of(key: str, codes: set[str]) -> str:
    """The question an answer key belongs to: its own code, or "<code>_other" for an "other" text."""
    suffix = f"_{OTHER}"
    if key not in codes and key.endswith(suffix) and key[: -len(suffix)] in codes:
        return key[: -len(suffix)]
    return key


async def _tags(survey_id: int) -> dict[int, list[int]]:
    tags: dict[int, list[int]] = {}
    for row in await FreeTextTheme.select(FreeTextTheme.answer, FreeTextTheme.theme).where(
        FreeTextTheme.survey == survey_id
    ):
        tags.setdefault(row["answer"], []).append(row["theme"])
    return {answer: sorted(themes) for answer, themes in tags.items()}


async def taggable_answers(municipality: Municipality, survey_id: int, actor: Actor) -> list[schemas.TaggableAnswer]:
    """Every approved free-text answer of the survey with its themes, in the order they came in."""
    row = await _survey(municipality, survey_id, actor)
    codes = {q.code for q in definition_of(row).questions()}
    answers = (
        await FreeTextAnswer.select(FreeTextAnswer.id, FreeTextAnswer.key, FreeTextAnswer.text)
        .where((FreeTextAnswer.survey == survey_id) & (FreeTextAnswer.visibility == "public"))
        .order_by(FreeTextAnswer.id)
    )
    tags = await _tags(survey_id)
    return [
        schemas.TaggableAnswer(
            id=a["id"],
            question=question_of(a["key"], codes),
            key=a["key"],
            text=a["text"],
            themes=tags.get(a["id"], []),
        )
        for a in answers
    ]


async def tag_answer(
    municipality: Municipality, survey_id: int, answer_id: int, actor: Actor, data: schemas.FreeTextThemesUpdate
) -> schemas.TaggableAnswer:
    """Set the themes of one approved answer (all of them at once: what the staff member ticked)."""
    row = await _survey(municipality, survey_id, actor)
    answer = (
        await FreeTextAnswer.select(FreeTextAnswer.id, FreeTextAnswer.key, FreeTextAnswer.text)
        .where(
            (FreeTextAnswer.id == answer_id)
            & (FreeTextAnswer.survey == survey_id)
            & (FreeTextAnswer.visibility == "public")
        )
        .first()
    )
    if answer is None:
        raise AnswerNotTaggable()
    wanted = list(dict.fromkeys(data.themes))
    known = {t["id"] for t in await SurveyTheme.select(SurveyTheme.id).where(SurveyTheme.survey == survey_id)}
    for index, theme in enumerate(wanted):
        if theme not in known:
            raise UnknownTheme(index)
    async with FreeTextTheme._meta.db.transaction():
        await FreeTextTheme.delete().where(FreeTextTheme.answer == answer_id)
        if wanted:
            await FreeTextTheme.insert(
                *[FreeTextTheme(survey=survey_id, answer=answer_id, theme=theme) for theme in wanted]
            )
    codes = {q.code for q in definition_of(row).questions()}
    return schemas.TaggableAnswer(
        id=answer_id,
        question=question_of(answer["key"], codes),
        key=answer["key"],
        text=answer["text"],
        themes=sorted(wanted),
    )
