"""Extra questions of a category, typed like Open311 service-definition attributes, and their answers."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from defects.errors import InvalidAnswer

Datatype = Literal["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"]
MAX_TEXT = 2000


class Choice(BaseModel):
    key: str = Field(min_length=1, max_length=64)
    name_de: str
    name_en: str


class Question(BaseModel):
    """One extra question; `values` only for single/multi choice."""

    model_config = ConfigDict(extra="forbid")

    code: str = Field(pattern=r"^[a-z][a-z0-9_]{0,63}$")
    datatype: Datatype
    required: bool = False
    label_de: str = Field(min_length=1, max_length=300)
    label_en: str = Field(min_length=1, max_length=300)
    values: list[Choice] = Field(default_factory=list)


def _bad(question: Question, de: str, en: str) -> InvalidAnswer:
    return InvalidAnswer(
        f"„{question.label_de}“: {de}", f"'{question.label_en}': {en}", field=f"answers.{question.code}"
    )


def _check_one(question: Question, value: Any) -> Any:
    keys = {c.key for c in question.values}
    if question.datatype in ("string", "text"):
        if not isinstance(value, str):
            raise _bad(question, "Bitte Text eingeben.", "please enter text.")
        limit = 200 if question.datatype == "string" else MAX_TEXT
        if len(value) > limit:
            raise _bad(question, f"höchstens {limit} Zeichen.", f"at most {limit} characters.")
        return value.strip()
    if question.datatype == "number":
        try:
            number = float(value)
            if isinstance(value, bool) or not math.isfinite(number):  # NaN, Infinity, 1e400 are no answers
                raise ValueError(value)
            return number
        except (TypeError, ValueError):
            raise _bad(question, "Bitte eine Zahl angeben.", "please give a number.") from None
    if question.datatype == "datetime":
        try:
            return datetime.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise _bad(question, "Bitte ein Datum angeben.", "please give a date.") from None
    if question.datatype == "singlevaluelist":
        if str(value) not in keys:
            raise _bad(question, "Bitte eine der Antworten wählen.", "please choose one of the answers.")
        return str(value)
    chosen = value if isinstance(value, list) else [value]
    if not chosen or any(str(v) not in keys for v in chosen):
        raise _bad(question, "Bitte nur angebotene Antworten wählen.", "please choose only offered answers.")
    return [str(v) for v in chosen]


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def check_answers(questions: list[dict[str, Any]], answers: dict[str, Any]) -> dict[str, Any]:
    """Validate the answers against the category's questions; returns the cleaned answers."""
    parsed = [Question.model_validate(q) for q in questions]
    known = {q.code for q in parsed}
    for code in answers:
        if code not in known:
            raise InvalidAnswer(
                "Diese Frage gibt es in der Kategorie nicht.",
                "This category has no such question.",
                field=f"answers.{code}",
            )
    cleaned: dict[str, Any] = {}
    refused: list[InvalidAnswer] = []  # every answer is checked: one refusal names all of them
    for question in parsed:
        value = answers.get(question.code)
        try:
            if _empty(value):
                if question.required:
                    raise _bad(question, "Pflichtangabe fehlt.", "this answer is required.")
                continue
            cleaned[question.code] = _check_one(question, value)
        except InvalidAnswer as error:
            refused.append(error)
    if len(refused) == 1:
        raise refused[0]
    if refused:
        first = refused[0]
        raise InvalidAnswer(
            " ".join(e.de for e in refused),
            " ".join(e.en for e in refused),
            field=first.field,
            errors=[{"field": e.field, "detail_de": e.de, "detail_en": e.en} for e in refused],
        )
    return cleaned
