"""A survey's definition (sections, questions, conditions) and the pure check of one set of answers against it.

Pure pydantic, no database: the answering API, the staff entry form, the paper questionnaire and the results
all read the same definition. Every question carries a stable `code` (the column name in exports, the key of
an answer, the `field` of an error).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

CODE_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,39}$")
OTHER = "other"  # the choice code of the "other, namely …" option; its text sits under "<code>_other"


class SurveyText(BaseModel):
    """A text in German (required) and English (optional, German is shown when missing)."""

    model_config = ConfigDict(extra="forbid")

    de: str = Field(min_length=1, max_length=4000)
    en: str | None = Field(default=None, max_length=4000)

    def get(self, language: str = "de") -> str:
        return (self.en or self.de) if language == "en" else self.de


class SurveyQuestionType(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    SCALE = "scale"
    MATRIX = "matrix"
    RANKING = "ranking"
    NUMBER = "number"
    DATE = "date"
    YES_NO = "yes_no"
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"


CHOICE_TYPES = {SurveyQuestionType.SINGLE, SurveyQuestionType.MULTIPLE, SurveyQuestionType.RANKING}
FREE_TEXT_TYPES = {SurveyQuestionType.SHORT_TEXT, SurveyQuestionType.LONG_TEXT}
SHORT_TEXT_MAX = 300
LONG_TEXT_MAX = 5000


class SurveyAudience(StrEnum):
    """Who a response speaks for; the cross-tabs compare these groups."""

    RESIDENTS = "residents"
    BUSINESSES = "businesses"
    STAFF = "staff"
    COUNCIL = "council"
    OTHER = "other"


class SurveyAccessMode(StrEnum):
    """How a person may reach the questionnaire; a survey allows one or several."""

    LINK = "link"  # everyone with the link, no account, one-time e-mail code against ballot stuffing
    ACCOUNT = "account"  # any logged-in account
    VERIFIED = "verified"  # verified residents only
    CODE = "code"  # invitation codes per group


class SurveyLinkProtection(StrEnum):
    """What keeps one person from answering a link survey many times (the municipality chooses)."""

    EMAIL_CODE = "email_code"  # a one-time code mailed to the address (one answer per address)
    PROOF_OF_WORK = "proof_of_work"  # the browser solves an ALTCHA puzzle (no e-mail, no third party)


class SurveyChannel(StrEnum):
    ONLINE = "online"
    PAPER = "paper"
    PHONE = "phone"


class SurveyStatus(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"
    RESULTS_PUBLISHED = "results_published"


class SurveyChoice(BaseModel):
    """One answer option; `code` is what is stored and exported, `label` what people read."""

    model_config = ConfigDict(extra="forbid")

    code: str = Field(pattern=CODE_PATTERN.pattern)
    label: SurveyText


class SurveyCondition(BaseModel):
    """Show a question or section only if the answer to an earlier question is (or contains) a value."""

    model_config = ConfigDict(extra="forbid")

    question: str = Field(pattern=CODE_PATTERN.pattern)
    operator: str = Field(default="is", pattern=r"^(is|contains)$")
    value: str | int | bool

    def holds(self, answers: dict[str, Any]) -> bool:
        given = answers.get(self.question)
        if given is None:
            return False
        if self.operator == "contains":
            if isinstance(given, list):
                return self.value in given or str(self.value) in [str(v) for v in given]
            return str(self.value) in str(given)
        if isinstance(given, bool) or isinstance(self.value, bool):
            return str(given).lower() == str(self.value).lower()
        return str(given) == str(self.value)


class SurveyScale(BaseModel):
    """A rating scale: 1–5 or 1–10, with labelled ends."""

    model_config = ConfigDict(extra="forbid")

    points: int = Field(default=5)
    low: SurveyText = Field(default_factory=lambda: SurveyText(de="trifft gar nicht zu", en="does not apply at all"))
    high: SurveyText = Field(default_factory=lambda: SurveyText(de="trifft voll zu", en="fully applies"))

    @field_validator("points")
    @classmethod
    def _five_or_ten(cls, value: int) -> int:
        if value not in (5, 10):
            raise ValueError("A scale has 5 or 10 points.")
        return value


class SurveyQuestion(BaseModel):
    """One question; which fields matter depends on its `type`."""

    model_config = ConfigDict(extra="forbid")

    code: str = Field(pattern=CODE_PATTERN.pattern)
    type: SurveyQuestionType
    text: SurveyText
    help: SurveyText | None = None
    required: bool = False
    choices: list[SurveyChoice] = Field(default_factory=list, max_length=60)
    allow_other: bool = False  # single/multiple: an "other, namely …" option with free text
    max_choices: int | None = Field(default=None, ge=1)  # multiple
    shuffle: bool = False  # choices (and matrix items) in random order per respondent
    scale: SurveyScale | None = None  # scale and matrix
    items: list[SurveyChoice] = Field(default_factory=list, max_length=40)  # matrix rows
    minimum: float | None = None  # number
    maximum: float | None = None
    integer: bool = True
    condition: SurveyCondition | None = None

    @model_validator(mode="after")
    def _fits_its_type(self) -> SurveyQuestion:
        if self.type in CHOICE_TYPES and len(self.choices) < 2:
            raise ValueError(f"{self.code}: a choice question needs at least two choices.")
        codes = [c.code for c in self.choices]
        if len(set(codes)) != len(codes):
            raise ValueError(f"{self.code}: choice codes must be unique.")
        labels = [c.label.de.strip().lower() for c in self.choices]
        if len(set(labels)) != len(labels):
            raise ValueError(f"{self.code}: choices must be unique.")
        if self.allow_other and OTHER in codes:
            raise ValueError(f"{self.code}: the choice code 'other' is reserved for the free-text option.")
        if self.type in (SurveyQuestionType.SCALE, SurveyQuestionType.MATRIX) and self.scale is None:
            self.scale = SurveyScale()
        if self.type == SurveyQuestionType.MATRIX:
            if len(self.items) < 1:
                raise ValueError(f"{self.code}: a matrix needs at least one item.")
            item_codes = [i.code for i in self.items]
            if len(set(item_codes)) != len(item_codes):
                raise ValueError(f"{self.code}: matrix item codes must be unique.")
        if self.max_choices is not None and self.type == SurveyQuestionType.MULTIPLE:
            if self.max_choices > len(self.choices) + (1 if self.allow_other else 0):
                raise ValueError(f"{self.code}: max_choices is larger than the number of choices.")
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise ValueError(f"{self.code}: minimum is larger than maximum.")
        return self

    def choice_codes(self) -> list[str]:
        codes = [c.code for c in self.choices]
        return [*codes, OTHER] if self.allow_other else codes


class SurveySection(BaseModel):
    """A group of questions shown on one screen on phones."""

    model_config = ConfigDict(extra="forbid")

    code: str = Field(pattern=CODE_PATTERN.pattern)
    title: SurveyText
    intro: SurveyText | None = None
    questions: list[SurveyQuestion] = Field(default_factory=list, max_length=100)
    condition: SurveyCondition | None = None


class SurveyDefinition(BaseModel):
    """Everything a survey asks and how: the part the admin builds."""

    model_config = ConfigDict(extra="forbid")

    title: SurveyText
    intro: SurveyText
    sections: list[SurveySection] = Field(default_factory=list, max_length=30)
    audiences: list[SurveyAudience] = Field(default_factory=lambda: [SurveyAudience.RESIDENTS], min_length=1)
    access_modes: list[SurveyAccessMode] = Field(default_factory=lambda: [SurveyAccessMode.LINK], min_length=1)
    link_protection: SurveyLinkProtection = SurveyLinkProtection.EMAIL_CODE  # for the "link" way in
    anonymous: bool = True
    allow_change: bool = False
    results_public: bool = True  # publish results for everyone after closing
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    languages: list[str] = Field(default_factory=lambda: ["de", "en"])

    @model_validator(mode="after")
    def _consistent(self) -> SurveyDefinition:
        seen: dict[str, SurveyQuestion] = {}
        section_codes: set[str] = set()
        for section in self.sections:
            if section.code in section_codes:
                raise ValueError(f"Section code {section.code} is used twice.")
            section_codes.add(section.code)
            if section.condition is not None:
                _check_condition(section.condition, seen, section.code)
            for question in section.questions:
                if question.code in seen:
                    raise ValueError(f"Question code {question.code} is used twice.")
                if question.condition is not None:
                    _check_condition(question.condition, seen, question.code)
                seen[question.code] = question
        if self.starts_on and self.ends_on and self.starts_on > self.ends_on:
            raise ValueError("The survey ends before it starts.")
        return self

    def questions(self) -> list[SurveyQuestion]:
        return [q for s in self.sections for q in s.questions]

    def question(self, code: str) -> SurveyQuestion | None:
        return next((q for q in self.questions() if q.code == code), None)

    def visible_questions(self, answers: dict[str, Any]) -> list[SurveyQuestion]:
        """The questions a respondent sees given their answers so far (conditions on sections and questions)."""
        visible: list[SurveyQuestion] = []
        for section in self.sections:
            if section.condition is not None and not section.condition.holds(answers):
                continue
            visible.extend(q for q in section.questions if q.condition is None or q.condition.holds(answers))
        return visible


def _check_condition(condition: SurveyCondition, earlier: dict[str, SurveyQuestion], where: str) -> None:
    target = earlier.get(condition.question)
    if target is None:
        raise ValueError(f"{where}: a condition may only refer to an earlier question ({condition.question}).")
    if target.type in CHOICE_TYPES and target.type != SurveyQuestionType.RANKING:
        if str(condition.value) not in target.choice_codes():
            raise ValueError(f"{where}: {condition.question} has no choice {condition.value}.")


class AnswerError(BaseModel):
    """One problem with one answer: the question code is the field."""

    field: str
    detail_de: str
    detail_en: str


def _err(code: str, de: str, en: str) -> AnswerError:
    return AnswerError(field=code, detail_de=de, detail_en=en)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def check_answers(definition: SurveyDefinition, answers: dict[str, Any], *, partial: bool = False) -> list[AnswerError]:
    """Every error of one set of answers against the definition, each with its question code (pure).

    Hidden questions (their condition does not hold) must stay unanswered; `partial` (a saved draft, a paper
    entry) skips the required and the not-applicable check but still checks the form of every value there.
    """
    errors: list[AnswerError] = []
    known = {q.code for q in definition.questions()}
    others = {f"{q.code}_{OTHER}" for q in definition.questions() if q.allow_other}
    for key in answers:
        if key not in known and key not in others:
            errors.append(_err(key, "Diese Frage gibt es in der Umfrage nicht.", "The survey has no such question."))
    visible = {q.code for q in definition.visible_questions(answers)}
    for question in definition.questions():
        value = answers.get(question.code)
        if question.code not in visible:
            if not _empty(value) and not partial:
                errors.append(
                    _err(
                        question.code,
                        "Diese Frage ist nach Ihren Antworten nicht vorgesehen.",
                        "This question does not apply given your answers.",
                    )
                )
                continue
        if _empty(value):
            if question.required and not partial and question.code in visible:
                errors.append(_err(question.code, "Bitte beantworten Sie diese Frage.", "Please answer this question."))
            lone = _other_text(question, [], answers) if question.allow_other else None
            if lone is not None:  # an "other" text is stored even when its question is unanswered
                errors.append(_err(f"{question.code}_{OTHER}", *lone))
            continue
        problem = _check_one(question, value, answers, partial)
        if problem is not None:
            errors.append(_err(question.code, *problem))
    return errors


def _check_one(question: SurveyQuestion, value: Any, answers: dict[str, Any], partial: bool) -> tuple[str, str] | None:
    kind = question.type
    if kind == SurveyQuestionType.SINGLE:
        if not isinstance(value, str) or value not in question.choice_codes():
            return "Bitte wählen Sie eine der Antworten.", "Please pick one of the answers."
        return _other_text(question, [value], answers)
    if kind == SurveyQuestionType.MULTIPLE:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return "Bitte wählen Sie aus den Antworten.", "Please pick from the answers."
        if len(set(value)) != len(value) or any(v not in question.choice_codes() for v in value):
            return "Bitte wählen Sie aus den Antworten.", "Please pick from the answers."
        if question.max_choices is not None and len(value) > question.max_choices:
            return (
                f"Bitte wählen Sie höchstens {question.max_choices} Antworten.",
                f"Please pick at most {question.max_choices} answers.",
            )
        return _other_text(question, value, answers)
    if kind == SurveyQuestionType.RANKING:
        if not isinstance(value, list) or sorted(map(str, value)) != sorted(question.choice_codes()):
            return "Bitte bringen Sie alle Punkte in eine Reihenfolge.", "Please put every item in an order."
        return None
    if kind == SurveyQuestionType.SCALE:
        points = question.scale.points if question.scale else 5
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= points:
            return f"Bitte wählen Sie einen Wert von 1 bis {points}.", f"Please pick a value from 1 to {points}."
        return None
    if kind == SurveyQuestionType.MATRIX:
        points = question.scale.points if question.scale else 5
        items = {i.code for i in question.items}
        if not isinstance(value, dict) or any(k not in items for k in value):
            return "Bitte bewerten Sie die Punkte der Tabelle.", "Please rate the items of the table."
        for rating in value.values():
            if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= points:
                return f"Bitte wählen Sie je Zeile 1 bis {points}.", f"Please pick 1 to {points} in each row."
        if question.required and not partial and set(value) != items:
            return "Bitte bewerten Sie jede Zeile.", "Please rate every row."
        return None
    if kind == SurveyQuestionType.NUMBER:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return "Bitte geben Sie eine Zahl ein.", "Please enter a number."
        try:
            number = float(value)
        except OverflowError:  # msgspec decodes a 400-digit literal as an int that no float holds
            number = math.inf
        if not math.isfinite(number):
            return "Bitte geben Sie eine kleinere Zahl ein.", "Please enter a smaller number."
        if question.integer and not number.is_integer():
            return "Bitte geben Sie eine ganze Zahl ein.", "Please enter a whole number."
        if question.minimum is not None and value < question.minimum:
            low = f"{question.minimum:g}"
            return f"Die Zahl muss mindestens {low} sein.", f"The number must be at least {low}."
        if question.maximum is not None and value > question.maximum:
            high = f"{question.maximum:g}"
            return f"Die Zahl darf höchstens {high} sein.", f"The number must be at most {high}."
        return None
    if kind == SurveyQuestionType.DATE:
        try:
            dt.date.fromisoformat(str(value))
        except ValueError:
            return "Bitte geben Sie ein Datum ein (JJJJ-MM-TT).", "Please enter a date (YYYY-MM-DD)."
        return None
    if kind == SurveyQuestionType.YES_NO:
        if not isinstance(value, bool):
            return "Bitte wählen Sie Ja oder Nein.", "Please pick yes or no."
        return None
    limit = SHORT_TEXT_MAX if kind == SurveyQuestionType.SHORT_TEXT else LONG_TEXT_MAX
    if not isinstance(value, str):
        return "Bitte geben Sie einen SurveyText ein.", "Please enter a text."
    if len(value) > limit:
        return f"Bitte höchstens {limit} Zeichen.", f"At most {limit} characters, please."
    return None


def _other_text(question: SurveyQuestion, picked: list[str], answers: dict[str, Any]) -> tuple[str, str] | None:
    text = answers.get(f"{question.code}_{OTHER}")
    if OTHER in picked and (not isinstance(text, str) or not text.strip()):
        return "Bitte beschreiben Sie „Sonstiges“.", "Please describe 'other'."
    if text is not None and not isinstance(text, str):
        return "Bitte geben Sie einen Text ein.", "Please enter a text."
    if isinstance(text, str) and len(text) > SHORT_TEXT_MAX:
        return f"Bitte höchstens {SHORT_TEXT_MAX} Zeichen.", f"At most {SHORT_TEXT_MAX} characters, please."
    return None


def free_text_codes(definition: SurveyDefinition) -> list[str]:
    """Answer keys that hold free text (moderated before anything of it is shown publicly)."""
    codes: list[str] = []
    for q in definition.questions():
        if q.type in FREE_TEXT_TYPES:
            codes.append(q.code)
        if q.allow_other:
            codes.append(f"{q.code}_{OTHER}")
    return codes


# Short names (the schema names above are prefixed so the API contract has no clashes with other packages).
Text = SurveyText
Choice = SurveyChoice
Condition = SurveyCondition
Scale = SurveyScale
Question = SurveyQuestion
Section = SurveySection
Status = SurveyStatus
Audience = SurveyAudience
AccessMode = SurveyAccessMode
LinkProtection = SurveyLinkProtection
Channel = SurveyChannel
QuestionType = SurveyQuestionType
