"""Tables of surveys. Anonymity holds by shape: a response row has no account, code, IP or time finer than
the day; who has answered lives apart (AnsweredMark, random keys, no timestamps) so nothing joins the two."""

from piccolo.apps.user.tables import BaseUser
from piccolo.columns import UUID, Boolean, Date, ForeignKey, Integer, Serial, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from geo.tables import Municipality


class Survey(Table):
    """A questionnaire of one municipality; `definition` is the JSON of surveys.definition.SurveyDefinition."""

    id = Serial(primary_key=True)
    municipality = ForeignKey(references=Municipality, on_delete=OnDelete.cascade, index=True)
    consultation_id = Integer(null=True, default=None)  # optional: a phase of this consultation (no FK: layering)
    title = Varchar(length=200)  # the German title, copied from the definition for lists
    definition = Text(default="{}")
    status = Varchar(length=20, default="draft", index=True)  # draft | open | closed | results_published
    results_version = Integer(default=0)  # bumped with every write the results depend on: their cache key
    created_at = Timestamptz(default=TimestamptzNow())


class SurveyResponse(Table, tablename="survey_response"):
    """One submitted questionnaire. For anonymous surveys `account` stays empty; `change_key_hash` is the hash
    of a random token only the respondent holds (to change the answer while open, when allowed)."""

    id = Serial(primary_key=True)
    survey = ForeignKey(references=Survey, on_delete=OnDelete.cascade, index=True)
    answers = Text(default="{}")
    audience = Varchar(length=20, default="residents")
    channel = Varchar(length=10, default="online")
    district = Varchar(length=120, null=True, default=None)
    day = Date()
    account = ForeignKey(references=BaseUser, on_delete=OnDelete.set_null, null=True, default=None)  # named only
    change_key_hash = Varchar(length=64, null=True, default=None, index=True)


class AnsweredMark(Table, tablename="survey_answered"):
    """Who has answered (an account, an invitation code or an e-mail address, as a hash), apart from the answers:
    random primary key and no timestamp, so neither order nor time joins a mark to a response."""

    id = UUID(primary_key=True)
    survey = ForeignKey(references=Survey, on_delete=OnDelete.cascade, index=True)
    subject_hash = Varchar(length=64, unique=True)  # sha256 of survey id + subject


class InvitationCode(Table, tablename="survey_invitation_code"):
    """An invitation code of a closed group; only its hash is kept (the code is shown once, at generation)."""

    id = Serial(primary_key=True)
    survey = ForeignKey(references=Survey, on_delete=OnDelete.cascade, index=True)
    audience = Varchar(length=20)
    code_hash = Varchar(length=64, unique=True)
    batch = Integer(default=1)  # which generation run (letters are printed per batch)


class SurveyDraft(Table, tablename="survey_draft"):
    """Saved progress, to resume later; deleted when the questionnaire is submitted."""

    id = Serial(primary_key=True)
    survey = ForeignKey(references=Survey, on_delete=OnDelete.cascade, index=True)
    owner_hash = Varchar(length=64, unique=True)  # same hashing as AnsweredMark
    answers = Text(default="{}")
    day = Date()


class EmailChallenge(Table, tablename="survey_email_challenge"):
    """A one-time code mailed to someone answering by link without an account (against ballot stuffing)."""

    id = Serial(primary_key=True)
    survey = ForeignKey(references=Survey, on_delete=OnDelete.cascade, index=True)
    email_hash = Varchar(length=64, index=True)
    code_hash = Varchar(length=64)
    expires_at = Timestamptz()
    attempts = Integer(default=0)
    used = Boolean(default=False)


class UsedProof(Table, tablename="survey_proof_used"):
    """A proof-of-work solution that was spent, kept until its challenge expires so it cannot be replayed.
    Random key, no time of use (only the challenge's own expiry), so its order does not point at a response."""

    id = UUID(primary_key=True)
    survey = ForeignKey(references=Survey, on_delete=OnDelete.cascade, index=True)
    signature_hash = Varchar(length=64, unique=True)
    expires_at = Timestamptz(index=True)


class FreeTextAnswer(Table, tablename="survey_free_text"):
    """One free-text answer as moderated content ("survey_answer"): shown publicly only once public."""

    id = Serial(primary_key=True)
    response = ForeignKey(references=SurveyResponse, on_delete=OnDelete.cascade, index=True)
    survey = ForeignKey(references=Survey, on_delete=OnDelete.cascade, index=True)
    key = Varchar(length=60)  # the answer key: a question code, or "<code>_other"
    text = Text(default="")
    visibility = Varchar(length=10, default="pending", index=True)
    theme = Varchar(length=80, default="")  # unused: the themes are rows of FreeTextTheme (several per answer)


class SurveyTheme(Table, tablename="survey_theme"):
    """A theme of one survey that staff tag approved free-text answers with (a short label, German and English)."""

    id = Serial(primary_key=True)
    survey = ForeignKey(references=Survey, on_delete=OnDelete.cascade, index=True)
    label_de = Varchar(length=80)
    label_en = Varchar(length=80, null=True, default=None)


class FreeTextTheme(Table, tablename="survey_free_text_theme"):
    """One tag: a free-text answer put into a theme; an answer may sit in several (once each: unique index)."""

    id = Serial(primary_key=True)
    survey = ForeignKey(references=Survey, on_delete=OnDelete.cascade, index=True)
    answer = ForeignKey(references=FreeTextAnswer, on_delete=OnDelete.cascade, index=True)
    theme = ForeignKey(references=SurveyTheme, on_delete=OnDelete.cascade, index=True)
