"""The results' view of a survey definition: each question's kind, label, choices and their numeric codes.

The numbers are the SPSS codes of the codebook: choices 1…n in the order the definition lists them, "other" n+1,
yes 1 / no 0, scale points their own value. Ranking items are the question's choices; matrix rows its items.
"""

from __future__ import annotations

from surveys.definition import FREE_TEXT_TYPES, OTHER, Question, SurveyDefinition
from surveys.tally import Choice, Kind, Plan, QuestionPlan

OTHER_LABEL = {"de": "Sonstiges", "en": "Other"}
YES_NO = {"de": ("Ja", "Nein"), "en": ("Yes", "No")}


def _kind(question: Question) -> Kind:
    if question.type in FREE_TEXT_TYPES:
        return "text"
    return question.type.value  # type: ignore[return-value]


def _numbered(choices: list, lang: str) -> tuple[Choice, ...]:
    return tuple(Choice(c.code, c.label.get(lang), number) for number, c in enumerate(choices, start=1))


def question_plan(question: Question, lang: str = "de", section: str = "") -> QuestionPlan:
    kind = _kind(question)
    label = question.text.get(lang)
    choices: tuple[Choice, ...] = ()
    items: tuple[Choice, ...] = ()
    if kind in ("single", "multiple"):
        choices = _numbered(question.choices, lang)
        if question.allow_other:
            choices += (Choice(OTHER, OTHER_LABEL[lang], len(choices) + 1),)
    elif kind == "yes_no":
        yes, no = YES_NO[lang]
        choices = (Choice("yes", yes, 1), Choice("no", no, 0))
    elif kind in ("scale", "matrix") and question.scale is not None:
        points = question.scale.points
        low, high = question.scale.low.get(lang), question.scale.high.get(lang)
        choices = tuple(
            Choice(str(n), f"{n} – {low}" if n == 1 else f"{n} – {high}" if n == points else str(n), n)
            for n in range(1, points + 1)
        )
        if kind == "matrix":
            items = _numbered(question.items, lang)
    elif kind == "ranking":
        items = _numbered(question.choices, lang)
    return QuestionPlan(question.code, kind, label, choices, items, other=question.allow_other, section=section)


def plan_of(definition: SurveyDefinition, lang: str = "de", themes: tuple[Choice, ...] = ()) -> Plan:
    """`themes`: the survey's themes of free-text answers, as `surveys.storage.load_themes` reads them."""
    return Plan(
        tuple(
            question_plan(question, lang, section.title.get(lang))
            for section in definition.sections
            for question in section.questions
        ),
        themes,
    )
