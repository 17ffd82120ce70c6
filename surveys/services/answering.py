"""Answering a survey: who may (code, account, verified resident, e-mail code), once, save and resume, change.

Anonymity holds by what is written: for an anonymous survey the response row gets answers, group, channel,
district and the day, nothing else; the answered mark (a hash of the account, code or e-mail) is a separate
row with a random key and no time, written in the same transaction so a crash leaves neither or both.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache, partial
from typing import Any
from uuid import uuid4

from contributions.actor import Actor
from geo import clock
from geo.ports import Mailer
from geo.tables import District, Municipality
from moderation import audit
from surveys import keys, proof, rules, schemas
from surveys.definition import (
    AccessMode,
    Audience,
    Channel,
    LinkProtection,
    Status,
    SurveyDefinition,
    check_answers,
)
from surveys.errors import (
    AlreadyAnswered,
    ChangeNotAllowed,
    InvalidAnswers,
    NoAccess,
    SurveyNotOpen,
    UnknownCode,
    UnknownDistrict,
    WrongAudience,
    WrongEmailCode,
)
from surveys.services.building import NotSurveyAdmin, definition_of, survey_row
from surveys.services.free_text import register_free_text
from surveys.tables import AnsweredMark, EmailChallenge, InvitationCode, SurveyDraft, SurveyResponse

EMAIL_CODE_MINUTES = 15
EMAIL_CODE_ATTEMPTS = 5


@dataclass(frozen=True, slots=True)
class Respondent:
    """Who answers, as far as the survey may know: the mark's hash, the group, an account only if named."""

    subject: str
    audience: Audience
    account_id: int | None
    challenge_id: int | None = None
    email: str = ""
    proof: proof.Proof | None = None


def _today(now: dt.datetime | None) -> dt.date:
    return (now or clock.now()).date()


@lru_cache(maxsize=64)
def _definition(text: str) -> SurveyDefinition:
    """The parsed definition, kept per text: parsing 40 questions was a seventh of a worker's time per answer.
    Keyed by the stored JSON itself, so an edited survey is parsed afresh; answering only reads it."""
    return SurveyDefinition.model_validate_json(text)


async def _open_survey(
    municipality: Municipality, survey_id: int, actor: Actor, now: dt.datetime | None
) -> tuple[dict[str, Any], SurveyDefinition]:
    row = await survey_row(municipality, survey_id, actor)
    definition = _definition(row["definition"])
    if not rules.takes_answers(Status(row["status"]), definition, _today(now)):
        raise SurveyNotOpen()
    return row, definition


def _check(definition: SurveyDefinition, answers: dict[str, Any], *, partial: bool = False) -> None:
    errors = check_answers(definition, answers, partial=partial)
    if errors:
        raise InvalidAnswers([e.model_dump() for e in errors])


async def _district(municipality: Municipality, name: str | None) -> str | None:
    if not name:
        return None
    found = await District.exists().where((District.municipality == municipality.id) & (District.name == name))
    if not found:
        raise UnknownDistrict()
    return name


async def _code_audience(survey_id: int, code: str) -> Audience:
    row = (
        await InvitationCode.select(InvitationCode.audience)
        .where((InvitationCode.survey == survey_id) & (InvitationCode.code_hash == keys.code_hash(survey_id, code)))
        .first()
    )
    if row is None:
        raise UnknownCode()
    return Audience(row["audience"])


def _default_audience(definition: SurveyDefinition) -> Audience:
    return Audience.RESIDENTS if Audience.RESIDENTS in definition.audiences else definition.audiences[0]


async def _email_challenge(survey_id: int, email: str, code: str, now: dt.datetime) -> int:
    email_hash = keys.digest("email", email.strip().lower())
    row = (
        await EmailChallenge.select()
        .where(
            (EmailChallenge.survey == survey_id)
            & (EmailChallenge.email_hash == email_hash)
            & (EmailChallenge.used == False)  # noqa: E712 (Piccolo builds SQL from the comparison)
        )
        .order_by(EmailChallenge.id, ascending=False)
        .first()
    )
    if row is None or clock.aware(row["expires_at"]) < now or row["attempts"] >= EMAIL_CODE_ATTEMPTS:
        raise WrongEmailCode()
    if row["code_hash"] != keys.digest("email-code", row["id"], code.strip()):
        await EmailChallenge.update({EmailChallenge.attempts: EmailChallenge.attempts + 1}).where(
            EmailChallenge.id == row["id"]
        )
        raise WrongEmailCode()
    return int(row["id"])


async def respondent(
    survey_id: int,
    definition: SurveyDefinition,
    actor: Actor,
    *,
    code: str | None = None,
    email: str | None = None,
    email_code: str | None = None,
    solution: str | None = None,
    proof_settings: proof.ProofSettings | None = None,
    now: dt.datetime | None = None,
) -> Respondent:
    """The way in this request uses: an invitation code, the account, or the link with an e-mail code or a
    solved proof of work (whichever the survey chose)."""
    named = not definition.anonymous
    if code:
        if AccessMode.CODE not in definition.access_modes:
            raise NoAccess(
                "Diese Umfrage arbeitet nicht mit Einladungscodes.", "This survey uses no invitation codes.", "code"
            )
        audience = await _code_audience(survey_id, code)
        return Respondent(
            keys.subject_hash(survey_id, "code", keys.normalise_code(code)),
            audience,
            actor.user_id if named else None,
        )
    if rules.may_answer_with_account(actor, definition):
        return Respondent(
            keys.subject_hash(survey_id, "account", actor.id),
            _default_audience(definition),
            actor.id if named else None,
        )
    if AccessMode.LINK in definition.access_modes and definition.link_protection == LinkProtection.PROOF_OF_WORK:
        if not solution or proof_settings is None:
            raise NoAccess(
                "Ihr Browser muss vor dem Absenden eine kleine Rechenaufgabe lösen. Bitte senden Sie noch einmal.",
                "Your browser has to solve a small puzzle before sending. Please try again.",
                "proof",
            )
        solved = proof.check(survey_id, solution, proof_settings, now or clock.now())
        return Respondent(
            keys.subject_hash(survey_id, "proof", solved.signature_hash),
            _default_audience(definition),
            actor.user_id if named and actor.logged_in else None,
            proof=solved,
        )
    if AccessMode.LINK in definition.access_modes:
        if not email or not email_code:
            raise NoAccess(
                "Bitte fordern Sie einen E-Mail-Code an und geben Sie ihn ein.",
                "Please ask for an e-mail code and enter it.",
                "email_code",
            )
        challenge = await _email_challenge(survey_id, email, email_code, now or clock.now())
        return Respondent(
            keys.subject_hash(survey_id, "email", email.strip().lower()),
            _default_audience(definition),
            actor.user_id if named and actor.logged_in else None,
            challenge,
            email.strip().lower(),
        )
    if AccessMode.VERIFIED in definition.access_modes and actor.logged_in:
        raise NoAccess(
            "Diese Umfrage richtet sich an bestätigte Einwohnerinnen und Einwohner.",
            "This survey is for verified residents only.",
        )
    raise NoAccess()


async def _mark(survey_id: int, subject: str) -> None:
    inserted = await AnsweredMark.raw(
        "INSERT INTO survey_answered (id, survey, subject_hash) VALUES ({}, {}, {}) "
        "ON CONFLICT DO NOTHING RETURNING subject_hash",
        uuid4(),
        survey_id,
        subject,
    )
    if not inserted:
        raise AlreadyAnswered()


async def submit(
    municipality: Municipality,
    survey_id: int,
    actor: Actor,
    data: schemas.SurveyAnswerSubmit,
    now: dt.datetime | None = None,
    proof_settings: proof.ProofSettings | None = None,
) -> schemas.SurveySubmitted:
    _row, definition = await _open_survey(municipality, survey_id, actor, now)
    who = await respondent(
        survey_id,
        definition,
        actor,
        code=data.code,
        email=data.email,
        email_code=data.email_code,
        solution=data.proof,
        proof_settings=proof_settings,
        now=now,
    )
    _check(definition, data.answers)
    district = await _district(municipality, data.district)
    change_token = keys.new_token() if definition.allow_change else None
    async with SurveyResponse._meta.db.transaction():
        if who.proof is not None:
            await proof.spend(survey_id, who.proof, now or clock.now())
        await _mark(survey_id, who.subject)
        response = SurveyResponse(
            survey=survey_id,
            answers=json.dumps(data.answers, ensure_ascii=False),
            audience=who.audience.value,
            channel=Channel.ONLINE.value,
            district=district,
            day=_today(now),
            account=who.account_id,
            change_key_hash=keys.digest("change", survey_id, change_token) if change_token else None,
        )
        await response.save()
        if who.challenge_id is not None:
            # Deleted, not marked used: a used challenge's time and order would point at this response.
            await EmailChallenge.delete().where(EmailChallenge.email_hash == keys.digest("email", who.email))
        await SurveyDraft.delete().where(SurveyDraft.owner_hash.is_in(_draft_owners(survey_id, who, data)))
        await register_free_text(municipality.id, survey_id, response.id, definition, data.answers, new=True)
    return schemas.SurveySubmitted(survey_id=survey_id, change_token=change_token)


async def change(
    municipality: Municipality,
    survey_id: int,
    actor: Actor,
    data: schemas.SurveyAnswerChange,
    now: dt.datetime | None = None,
) -> schemas.SurveySubmitted:
    """Change one's answer while the survey is open, when it allows that; the change token proves whose."""
    _row, definition = await _open_survey(municipality, survey_id, actor, now)
    if not definition.allow_change:
        raise ChangeNotAllowed()
    response = (
        await SurveyResponse.select(SurveyResponse.id)
        .where(
            (SurveyResponse.survey == survey_id)
            & (SurveyResponse.change_key_hash == keys.digest("change", survey_id, data.change_token))
        )
        .first()
    )
    if response is None:
        raise ChangeNotAllowed()
    _check(definition, data.answers)
    district = await _district(municipality, data.district)
    async with SurveyResponse._meta.db.transaction():
        await SurveyResponse.update(
            {SurveyResponse.answers: json.dumps(data.answers, ensure_ascii=False), SurveyResponse.district: district}
        ).where(SurveyResponse.id == response["id"])
        await register_free_text(municipality.id, survey_id, response["id"], definition, data.answers)
    return schemas.SurveySubmitted(survey_id=survey_id, change_token=data.change_token)


def _draft_owners(survey_id: int, who: Respondent | None, data: Any) -> list[str]:
    owners = [who.subject] if who else []
    if getattr(data, "resume_token", None):
        owners.append(keys.subject_hash(survey_id, "resume", data.resume_token))
    return owners or ["-"]


async def _draft_owner(
    survey_id: int, definition: SurveyDefinition, actor: Actor, code: str | None, resume_token: str | None
) -> tuple[str, str | None]:
    """A draft belongs to a code, an account, or (answering by link) a random resume token."""
    if code:
        await _code_audience(survey_id, code)
        return keys.subject_hash(survey_id, "code", keys.normalise_code(code)), None
    if rules.may_answer_with_account(actor, definition):
        return keys.subject_hash(survey_id, "account", actor.id), None
    token = resume_token or keys.new_token()
    return keys.subject_hash(survey_id, "resume", token), token


async def save_draft(
    municipality: Municipality,
    survey_id: int,
    actor: Actor,
    data: schemas.SurveyDraftSave,
    now: dt.datetime | None = None,
) -> schemas.SurveyDraftState:
    _row, definition = await _open_survey(municipality, survey_id, actor, now)
    _check(definition, data.answers, partial=True)
    owner, token = await _draft_owner(survey_id, definition, actor, data.code, data.resume_token)
    if await AnsweredMark.exists().where(AnsweredMark.subject_hash == owner):
        raise AlreadyAnswered()
    async with SurveyDraft._meta.db.transaction():
        await SurveyDraft.delete().where(SurveyDraft.owner_hash == owner)
        await SurveyDraft(
            survey=survey_id, owner_hash=owner, answers=json.dumps(data.answers, ensure_ascii=False), day=_today(now)
        ).save()
    return schemas.SurveyDraftState(answers=data.answers, resume_token=token)


async def load_draft(
    municipality: Municipality,
    survey_id: int,
    actor: Actor,
    code: str | None,
    resume_token: str | None,
    now: dt.datetime | None = None,
) -> schemas.SurveyDraftState:
    _row, definition = await _open_survey(municipality, survey_id, actor, now)
    if not code and not resume_token and not rules.may_answer_with_account(actor, definition):
        return schemas.SurveyDraftState(answers={}, resume_token=None)
    owner, token = await _draft_owner(survey_id, definition, actor, code, resume_token)
    row = await SurveyDraft.select(SurveyDraft.answers).where(SurveyDraft.owner_hash == owner).first()
    answers = json.loads(row["answers"]) if row else {}
    return schemas.SurveyDraftState(answers=answers, resume_token=token if resume_token else None)


async def access(municipality: Municipality, survey_id: int, actor: Actor, code: str | None) -> schemas.SurveyAccess:
    """What this person may do here: have they answered (with the account or this code), which ways are open."""
    row = await survey_row(municipality, survey_id, actor)
    definition = definition_of(row)
    subject = None
    if code:
        subject = keys.subject_hash(survey_id, "code", keys.normalise_code(code))
    elif rules.may_answer_with_account(actor, definition):
        subject = keys.subject_hash(survey_id, "account", actor.id)
    answered = bool(subject) and await AnsweredMark.exists().where(AnsweredMark.subject_hash == subject)
    return schemas.SurveyAccess(
        answered=bool(answered),
        modes=[m.value for m in definition.access_modes],
        logged_in=actor.logged_in,
        may_answer_with_account=rules.may_answer_with_account(actor, definition),
    )


async def request_email_code(
    municipality: Municipality,
    survey_id: int,
    actor: Actor,
    data: schemas.SurveyEmailCodeRequest,
    mailer: Mailer,
    now: dt.datetime | None = None,
) -> schemas.SurveyEmailCodeSent:
    """Mail a one-time code to the address; answering by link needs it once (one answer per address)."""
    _row, definition = await _open_survey(municipality, survey_id, actor, now)
    if AccessMode.LINK not in definition.access_modes or definition.link_protection != LinkProtection.EMAIL_CODE:
        raise NoAccess("Diese Umfrage braucht keinen E-Mail-Code.", "This survey takes no e-mail codes.", "email")
    email = str(data.email).strip().lower()
    if await AnsweredMark.exists().where(AnsweredMark.subject_hash == keys.subject_hash(survey_id, "email", email)):
        # The same answer as for a new address: else anyone could test whether an address has answered.
        told = partial(
            mailer.send,
            to=email,
            template="surveys/already_answered",
            context={"title": definition.title.de, "title_en": definition.title.get("en")},
            municipality_id=municipality.id,
            forget=True,  # as the code mail: the outbox must not pair the address with a time
        )
        await (told(locale=data.lang) if data.lang else told())
        return schemas.SurveyEmailCodeSent(sent=True, valid_minutes=EMAIL_CODE_MINUTES)
    moment = now or clock.now()
    code = keys.email_code()
    async with EmailChallenge._meta.db.transaction():
        challenge = EmailChallenge(
            survey=survey_id,
            email_hash=keys.digest("email", email),
            code_hash="-",
            expires_at=moment + timedelta(minutes=EMAIL_CODE_MINUTES),
        )
        await challenge.save()
        await EmailChallenge.update({EmailChallenge.code_hash: keys.digest("email-code", challenge.id, code)}).where(
            EmailChallenge.id == challenge.id
        )
        # the title in both languages: the mailer picks the reader's language (the page's, else their account's)
        context = {"code": code, "title": definition.title.de, "title_en": definition.title.get("en")}
        send = partial(
            mailer.send,
            to=email,
            template="surveys/email_code",
            context={**context, "minutes": EMAIL_CODE_MINUTES},
            municipality_id=municipality.id,
            forget=True,  # the outbox must not pair the address with the time it answered
        )
        await (send(locale=data.lang) if data.lang else send())
    return schemas.SurveyEmailCodeSent(sent=True, valid_minutes=EMAIL_CODE_MINUTES)


async def proof_challenge(
    municipality: Municipality,
    survey_id: int,
    actor: Actor,
    settings: proof.ProofSettings,
    now: dt.datetime | None = None,
) -> schemas.SurveyProofChallenge:
    """A fresh puzzle for answering by link, when the survey chose proof of work over the e-mail code."""
    _row, definition = await _open_survey(municipality, survey_id, actor, now)
    if AccessMode.LINK not in definition.access_modes or definition.link_protection != LinkProtection.PROOF_OF_WORK:
        raise NoAccess("Diese Umfrage braucht keine Rechenaufgabe.", "This survey takes no proof of work.", "proof")
    return proof.challenge(survey_id, settings, now or clock.now())


async def enter_on_paper(
    municipality: Municipality,
    survey_id: int,
    actor: Actor,
    data: schemas.SurveyStaffEntry,
    now: dt.datetime | None = None,
) -> schemas.SurveyEntered:
    """Staff type in a paper or phone answer, marked with its channel; the required check is left to paper."""
    if not rules.may_enter_on_paper(actor):
        raise NotSurveyAdmin()
    row = await survey_row(municipality, survey_id, actor)
    definition = definition_of(row)
    if Status(row["status"]) not in (Status.OPEN, Status.CLOSED):
        raise SurveyNotOpen()
    if data.audience not in definition.audiences:
        raise WrongAudience()
    _check(definition, data.answers, partial=True)
    district = await _district(municipality, data.district)
    async with SurveyResponse._meta.db.transaction():
        response = SurveyResponse(
            survey=survey_id,
            answers=json.dumps(data.answers, ensure_ascii=False),
            audience=data.audience.value,
            channel=Channel(data.channel).value,
            district=district,
            day=_today(now),
        )
        await response.save()
        await register_free_text(municipality.id, survey_id, response.id, definition, data.answers, new=True)
        await audit.record(
            municipality.id,
            "survey_paper_entry",
            actor_id=actor.id,
            after={"survey": survey_id, "channel": data.channel},
        )
    return schemas.SurveyEntered(survey_id=survey_id, response_id=response.id)
