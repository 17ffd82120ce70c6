"""What goes in and out of the surveys API."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from surveys.definition import Audience, Channel, Status, SurveyDefinition


class SurveyCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    definition: SurveyDefinition
    consultation_id: int | None = Field(default=None, ge=1)


class SurveySummary(BaseModel):
    id: int
    title: str
    title_en: str | None
    status: Status
    starts_on: dt.date | None
    ends_on: dt.date | None
    anonymous: bool
    access_modes: list[str]


class Survey(BaseModel):
    id: int
    status: Status
    consultation_id: int | None
    definition: SurveyDefinition
    counts: dict[str, int] | None = None  # admins: responses by audience and channel while open ("total" too)


class SurveyAnswerSubmit(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answers: dict[str, Any] = Field(default_factory=dict)
    code: str | None = Field(default=None, max_length=40)
    email: EmailStr | None = None
    email_code: str | None = Field(default=None, max_length=12)
    proof: str | None = Field(default=None, max_length=2000, description="The solved ALTCHA challenge (base64 JSON)")
    district: str | None = Field(default=None, max_length=120)
    resume_token: str | None = Field(default=None, max_length=80)


class SurveySubmitted(BaseModel):
    survey_id: int
    change_token: str | None  # only when the survey allows changes: keep it to change the answer later


class SurveyAnswerChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answers: dict[str, Any]
    change_token: str = Field(min_length=10, max_length=80)
    district: str | None = Field(default=None, max_length=120)


class SurveyDraftSave(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answers: dict[str, Any] = Field(default_factory=dict)
    code: str | None = Field(default=None, max_length=40)
    resume_token: str | None = Field(default=None, max_length=80)


class SurveyDraftState(BaseModel):
    answers: dict[str, Any]
    resume_token: str | None  # keep it to resume without an account or code


class SurveyEmailCodeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: EmailStr
    lang: Literal["de", "en"] | None = Field(
        default=None, description="The language of the page: the mail is written in it (else the account's)"
    )


class SurveyEmailCodeSent(BaseModel):
    sent: bool
    valid_minutes: int


class InvitationCodesCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    audience: Audience
    count: int = Field(ge=1, le=5000)


class SurveyProofChallenge(BaseModel):
    """An ALTCHA challenge (protocol v1): find n in 0..maxnumber with sha256(salt + n) == challenge."""

    algorithm: str
    challenge: str
    maxnumber: int
    salt: str
    signature: str


class InvitationCodesMail(BaseModel):
    model_config = ConfigDict(extra="forbid")

    audience: Audience
    emails: str = Field(min_length=1, max_length=400_000, description="E-mail addresses, one per line")


class InvitationCodesMailed(BaseModel):
    """How many codes went out by mail; the addresses are not kept with the codes."""

    audience: Audience
    batch: int
    sent: int
    duplicates: int  # addresses that appeared more than once and got one code


class InvitationCodes(BaseModel):
    audience: Audience
    batch: int
    codes: list[str]  # shown once; only their hashes are stored


class SurveyStaffEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answers: dict[str, Any]
    channel: Literal[Channel.PAPER, Channel.PHONE]
    audience: Audience = Audience.RESIDENTS
    district: str | None = Field(default=None, max_length=120)


class SurveyEntered(BaseModel):
    survey_id: int
    response_id: int


class SurveyAccess(BaseModel):
    """What the person asking may do: answered already, which ways in are open to them."""

    answered: bool
    modes: list[str]
    logged_in: bool
    may_answer_with_account: bool


class ThemeLabel(BaseModel):
    """A theme's short label: German, and English when given (German is shown otherwise)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    de: str = Field(min_length=1, max_length=80)
    en: str | None = Field(default=None, max_length=80)


class SurveyThemeCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    label: ThemeLabel


class SurveyTheme(BaseModel):
    id: int
    label: ThemeLabel
    answers: int  # approved answers tagged with it


class FreeTextThemesUpdate(BaseModel):
    """The themes of one approved answer, all of them (an empty list takes every theme off)."""

    model_config = ConfigDict(extra="forbid")

    themes: list[int] = Field(default_factory=list, max_length=50)


class TaggableAnswer(BaseModel):
    """An approved free-text answer as staff tag it: the question it answers and its themes."""

    id: int
    question: str  # the question code
    key: str  # the answer key: the question code, or "<code>_other"
    text: str
    themes: list[int]
