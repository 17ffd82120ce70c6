"""The admin's side: build a survey as a draft, open, close and publish it, generate invitation codes."""

from __future__ import annotations

from typing import Any

from piccolo.query.functions.aggregate import Count

from contributions.actor import Actor
from geo.errors import Forbidden
from geo.tables import Municipality
from moderation import audit
from surveys import keys, rules, schemas
from surveys.definition import Audience, Status, SurveyDefinition
from surveys.errors import InvalidDefinition, NotADraft, SurveyNotFound, WrongAudience, WrongStatus
from surveys.tables import InvitationCode, Survey, SurveyResponse

# Literal names, so the label check (tests/test_no_raw_values_for_people.py) finds each one.
STATUS_ACTIONS = {
    Status.OPEN: "survey_opened",
    Status.CLOSED: "survey_closed",
    Status.RESULTS_PUBLISHED: "survey_results_published",
    Status.DRAFT: "survey_updated",
}


class NotSurveyAdmin(Forbidden):
    code = "survey-admin-only"

    def __init__(self) -> None:
        super().__init__(
            "Nur die Verwaltung der Kommune kann Umfragen bauen.", "Only the municipality's admins can build surveys."
        )


def _ensure_admin(actor: Actor) -> None:
    if not rules.may_manage(actor):
        raise NotSurveyAdmin()


async def survey_row(municipality: Municipality, survey_id: int, actor: Actor) -> dict[str, Any]:
    row = await Survey.select().where((Survey.id == survey_id) & (Survey.municipality == municipality.id)).first()
    if row is None or not rules.may_see(actor, Status(row["status"])):
        raise SurveyNotFound()
    return dict(row)


def definition_of(row: dict[str, Any]) -> SurveyDefinition:
    return SurveyDefinition.model_validate_json(row["definition"])


async def counts(survey_id: int) -> dict[str, int]:
    """Responses in all, per audience and per channel: one GROUP BY, a handful of rows however many answered."""
    rows = (
        await SurveyResponse.select(SurveyResponse.audience, SurveyResponse.channel, Count(alias="n"))
        .where(SurveyResponse.survey == survey_id)
        .group_by(SurveyResponse.audience, SurveyResponse.channel)
    )
    found: dict[str, int] = {"total": sum(int(row["n"]) for row in rows)}
    for row in rows:
        for key in (f"audience:{row['audience']}", f"channel:{row['channel']}"):
            found[key] = found.get(key, 0) + int(row["n"])
    return found


async def _out(row: dict[str, Any], actor: Actor) -> schemas.Survey:
    live = await counts(row["id"]) if rules.may_see_live_counts(actor) else None
    return schemas.Survey(
        id=row["id"],
        status=Status(row["status"]),
        consultation_id=row["consultation_id"],
        definition=definition_of(row),
        counts=live,
    )


async def list_surveys(municipality: Municipality, actor: Actor) -> list[schemas.SurveySummary]:
    rows = await Survey.select().where(Survey.municipality == municipality.id).order_by(Survey.id, ascending=False)
    found = []
    for row in rows:
        if not rules.may_see(actor, Status(row["status"])):
            continue
        definition = definition_of(row)
        found.append(
            schemas.SurveySummary(
                id=row["id"],
                title=definition.title.de,
                title_en=definition.title.en,
                status=Status(row["status"]),
                starts_on=definition.starts_on,
                ends_on=definition.ends_on,
                anonymous=definition.anonymous,
                access_modes=[m.value for m in definition.access_modes],
            )
        )
    return found


async def get_survey(municipality: Municipality, survey_id: int, actor: Actor) -> schemas.Survey:
    return await _out(await survey_row(municipality, survey_id, actor), actor)


def _checked(data: schemas.SurveyCreate) -> SurveyDefinition:
    if not data.definition.sections or not data.definition.questions():
        raise InvalidDefinition("a survey needs at least one section with a question.", field="sections")
    return data.definition


async def create_survey(municipality: Municipality, actor: Actor, data: schemas.SurveyCreate) -> schemas.Survey:
    _ensure_admin(actor)
    definition = _checked(data)
    async with Survey._meta.db.transaction():
        row = Survey(
            municipality=municipality.id,
            consultation_id=data.consultation_id,
            title=definition.title.de[:200],
            definition=definition.model_dump_json(),
            status=Status.DRAFT.value,
        )
        await row.save()
        await audit.record(municipality.id, "survey_created", actor_id=actor.id, after={"survey": row.id})
    return await get_survey(municipality, row.id, actor)


async def update_survey(
    municipality: Municipality, survey_id: int, actor: Actor, data: schemas.SurveyCreate
) -> schemas.Survey:
    _ensure_admin(actor)
    row = await survey_row(municipality, survey_id, actor)
    if row["status"] != Status.DRAFT:
        raise NotADraft()
    definition = _checked(data)
    async with Survey._meta.db.transaction():
        await Survey.update(
            {
                Survey.definition: definition.model_dump_json(),
                Survey.title: definition.title.de[:200],
                Survey.consultation_id: data.consultation_id,
            }
        ).where(Survey.id == survey_id)
        await audit.record(municipality.id, "survey_updated", actor_id=actor.id, after={"survey": survey_id})
    return await get_survey(municipality, survey_id, actor)


async def delete_survey(municipality: Municipality, survey_id: int, actor: Actor) -> None:
    _ensure_admin(actor)
    row = await survey_row(municipality, survey_id, actor)
    if row["status"] != Status.DRAFT:
        raise NotADraft()
    async with Survey._meta.db.transaction():
        await Survey.delete().where(Survey.id == survey_id)
        await audit.record(municipality.id, "survey_deleted", actor_id=actor.id, before={"survey": survey_id})


async def change_status(municipality: Municipality, survey_id: int, actor: Actor, wanted: Status) -> schemas.Survey:
    _ensure_admin(actor)
    row = await survey_row(municipality, survey_id, actor)
    current = Status(row["status"])
    if wanted not in rules.NEXT_STATUS[current]:
        raise WrongStatus(current.value, wanted.value)
    async with Survey._meta.db.transaction():
        await Survey.update({Survey.status: wanted.value}).where(Survey.id == survey_id)
        await audit.record(
            municipality.id,
            STATUS_ACTIONS[wanted],
            actor_id=actor.id,
            before={"status": current.value},
            after={"survey": survey_id, "status": wanted.value},
        )
    return await get_survey(municipality, survey_id, actor)


async def store_codes(survey_id: int, audience: Audience, codes: list[str]) -> int:
    """Keep the hashes of new codes as the next batch (inside the caller's transaction); returns the batch."""
    last = (
        await InvitationCode.select(InvitationCode.batch)
        .where(InvitationCode.survey == survey_id)
        .order_by(InvitationCode.batch, ascending=False)
        .first()
    )
    batch = (last["batch"] if last else 0) + 1
    await InvitationCode.insert(
        *[
            InvitationCode(
                survey=survey_id, audience=audience.value, code_hash=keys.code_hash(survey_id, code), batch=batch
            )
            for code in codes
        ]
    )
    return batch


async def generate_codes(
    municipality: Municipality, survey_id: int, actor: Actor, data: schemas.InvitationCodesCreate
) -> schemas.InvitationCodes:
    """N fresh invitation codes for one group; returned once, stored only as hashes."""
    _ensure_admin(actor)
    row = await survey_row(municipality, survey_id, actor)
    if data.audience not in definition_of(row).audiences:
        raise WrongAudience()
    codes = [keys.new_code() for _ in range(data.count)]
    async with InvitationCode._meta.db.transaction():
        batch = await store_codes(survey_id, data.audience, codes)
        await audit.record(
            municipality.id,
            "survey_codes_generated",
            actor_id=actor.id,
            after={"survey": survey_id, "audience": data.audience.value, "count": data.count, "batch": batch},
        )
    return schemas.InvitationCodes(audience=data.audience, batch=batch, codes=codes)
