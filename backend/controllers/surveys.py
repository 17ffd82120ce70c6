"""Surveys of a municipality: list and show, build (admins), answer (as the survey lets in), staff entry."""

from __future__ import annotations

from litestar import Controller, delete, get, post, put
from litestar.params import FromPath, JSONBody, Parameter

from backend.auth import public, requires_role
from backend.dependencies import ActorDep, MailerDep, MunicipalityDep, SettingsDep
from backend.links import SpaLinks
from backend.params import PathId
from backend.settings import Settings
from geo.roles import Role
from surveys import services
from surveys.definition import Status
from surveys.proof import ProofSettings
from surveys.schemas import (
    InvitationCodes,
    InvitationCodesCreate,
    InvitationCodesMail,
    InvitationCodesMailed,
    Survey,
    SurveyAccess,
    SurveyAnswerChange,
    SurveyAnswerSubmit,
    SurveyCreate,
    SurveyDraftSave,
    SurveyDraftState,
    SurveyEmailCodeRequest,
    SurveyEmailCodeSent,
    SurveyEntered,
    SurveyProofChallenge,
    SurveyStaffEntry,
    SurveySubmitted,
    SurveySummary,
)

ADMIN = [requires_role(Role.ADMIN)]
CodeQuery = Parameter(default=None, max_length=40, description="An invitation code, if answering with one")
ResumeQuery = Parameter(default=None, max_length=80, description="The resume token of a saved draft")


def proof_settings(settings: Settings) -> ProofSettings:
    return ProofSettings(
        hmac_key=settings.proof_of_work_key(),
        max_number=settings.proof_of_work_max_number,
        minutes=settings.proof_of_work_minutes,
    )


class SurveyController(Controller):
    path = "/api/v1/municipalities/{slug:str}/surveys"
    tags = ["surveys"]

    @get("/", operation_id="listSurveys", guards=[public], summary="Surveys (admins also see drafts)")
    async def list_surveys(
        self, slug: FromPath[str], municipality: MunicipalityDep, actor: ActorDep
    ) -> list[SurveySummary]:
        return await services.list_surveys(municipality, actor)

    @post("/", operation_id="createSurvey", guards=ADMIN, summary="Build a survey (as a draft)")
    async def create_survey(
        self, slug: FromPath[str], municipality: MunicipalityDep, actor: ActorDep, data: JSONBody[SurveyCreate]
    ) -> Survey:
        return await services.create_survey(municipality, actor, data)

    @get("/{survey_id:int}", operation_id="getSurvey", guards=[public], summary="A survey and its questions")
    async def get_survey(
        self, slug: FromPath[str], survey_id: PathId, municipality: MunicipalityDep, actor: ActorDep
    ) -> Survey:
        return await services.get_survey(municipality, survey_id, actor)

    @put("/{survey_id:int}", operation_id="updateSurvey", guards=ADMIN, summary="Change a draft survey")
    async def update_survey(
        self,
        slug: FromPath[str],
        survey_id: PathId,
        municipality: MunicipalityDep,
        actor: ActorDep,
        data: JSONBody[SurveyCreate],
    ) -> Survey:
        return await services.update_survey(municipality, survey_id, actor, data)

    @delete("/{survey_id:int}", operation_id="deleteSurvey", guards=ADMIN, status_code=204, summary="Delete a draft")
    async def delete_survey(
        self, slug: FromPath[str], survey_id: PathId, municipality: MunicipalityDep, actor: ActorDep
    ) -> None:
        await services.delete_survey(municipality, survey_id, actor)

    @post("/{survey_id:int}/open", operation_id="openSurvey", guards=ADMIN, status_code=200, summary="Open")
    async def open_survey(
        self, slug: FromPath[str], survey_id: PathId, municipality: MunicipalityDep, actor: ActorDep
    ) -> Survey:
        return await services.change_status(municipality, survey_id, actor, Status.OPEN)

    @post("/{survey_id:int}/close", operation_id="closeSurvey", guards=ADMIN, status_code=200, summary="Close")
    async def close_survey(
        self, slug: FromPath[str], survey_id: PathId, municipality: MunicipalityDep, actor: ActorDep
    ) -> Survey:
        return await services.change_status(municipality, survey_id, actor, Status.CLOSED)

    @post(
        "/{survey_id:int}/publish",
        operation_id="publishSurveyResults",
        guards=ADMIN,
        status_code=200,
        summary="Publish the results of a closed survey",
    )
    async def publish_results(
        self, slug: FromPath[str], survey_id: PathId, municipality: MunicipalityDep, actor: ActorDep
    ) -> Survey:
        return await services.change_status(municipality, survey_id, actor, Status.RESULTS_PUBLISHED)

    @post(
        "/{survey_id:int}/codes",
        operation_id="generateSurveyCodes",
        guards=ADMIN,
        summary="Generate invitation codes for one group (shown once; stored only as hashes)",
    )
    async def generate_codes(
        self,
        slug: FromPath[str],
        survey_id: PathId,
        municipality: MunicipalityDep,
        actor: ActorDep,
        data: JSONBody[InvitationCodesCreate],
    ) -> InvitationCodes:
        return await services.generate_codes(municipality, survey_id, actor, data)

    @post(
        "/{survey_id:int}/codes/mail",
        operation_id="mailSurveyCodes",
        guards=ADMIN,
        summary="Mail one invitation code to each pasted address (addresses are not kept with the codes)",
        description="One address per line; duplicates get one mail. Any line that is no address is a 422 naming "
        "its line number, and then nothing is sent.",
    )
    async def mail_codes(
        self,
        slug: FromPath[str],
        survey_id: PathId,
        municipality: MunicipalityDep,
        actor: ActorDep,
        mailer: MailerDep,
        settings: SettingsDep,
        data: JSONBody[InvitationCodesMail],
    ) -> InvitationCodesMailed:
        link = SpaLinks(settings.base_url).survey(municipality.slug, survey_id)
        return await services.mail_codes(municipality, survey_id, actor, data, mailer, link)

    @get(
        "/{survey_id:int}/proof-challenge",
        operation_id="getSurveyProofChallenge",
        guards=[public],
        summary="A proof-of-work puzzle (ALTCHA) for answering by link, when the survey chose it",
    )
    async def proof_challenge(
        self,
        slug: FromPath[str],
        survey_id: PathId,
        municipality: MunicipalityDep,
        actor: ActorDep,
        settings: SettingsDep,
    ) -> SurveyProofChallenge:
        return await services.proof_challenge(municipality, survey_id, actor, proof_settings(settings))

    @get("/{survey_id:int}/access", operation_id="getSurveyAccess", guards=[public], summary="May I answer?")
    async def access(
        self,
        slug: FromPath[str],
        survey_id: PathId,
        municipality: MunicipalityDep,
        actor: ActorDep,
        code: str | None = CodeQuery,
    ) -> SurveyAccess:
        return await services.access(municipality, survey_id, actor, code)

    @post(
        "/{survey_id:int}/email-code",
        operation_id="requestSurveyEmailCode",
        guards=[public],
        status_code=200,
        summary="Mail a one-time code for answering by link without an account",
    )
    async def email_code(
        self,
        slug: FromPath[str],
        survey_id: PathId,
        municipality: MunicipalityDep,
        actor: ActorDep,
        mailer: MailerDep,
        data: JSONBody[SurveyEmailCodeRequest],
    ) -> SurveyEmailCodeSent:
        return await services.request_email_code(municipality, survey_id, actor, data, mailer)

    @post(
        "/{survey_id:int}/responses",
        operation_id="submitSurveyResponse",
        guards=[public],
        summary="Answer the survey (once per person or code)",
    )
    async def submit(
        self,
        slug: FromPath[str],
        survey_id: PathId,
        municipality: MunicipalityDep,
        actor: ActorDep,
        settings: SettingsDep,
        data: JSONBody[SurveyAnswerSubmit],
    ) -> SurveySubmitted:
        return await services.submit(municipality, survey_id, actor, data, proof_settings=proof_settings(settings))

    @put(
        "/{survey_id:int}/responses",
        operation_id="changeSurveyResponse",
        guards=[public],
        summary="Change one's answer while the survey is open (when it allows that)",
    )
    async def change(
        self,
        slug: FromPath[str],
        survey_id: PathId,
        municipality: MunicipalityDep,
        actor: ActorDep,
        data: JSONBody[SurveyAnswerChange],
    ) -> SurveySubmitted:
        return await services.change(municipality, survey_id, actor, data)

    @get("/{survey_id:int}/draft", operation_id="getSurveyDraft", guards=[public], summary="Saved progress")
    async def load_draft(
        self,
        slug: FromPath[str],
        survey_id: PathId,
        municipality: MunicipalityDep,
        actor: ActorDep,
        code: str | None = CodeQuery,
        resume_token: str | None = ResumeQuery,
    ) -> SurveyDraftState:
        return await services.load_draft(municipality, survey_id, actor, code, resume_token)

    @put("/{survey_id:int}/draft", operation_id="saveSurveyDraft", guards=[public], summary="Save progress")
    async def save_draft(
        self,
        slug: FromPath[str],
        survey_id: PathId,
        municipality: MunicipalityDep,
        actor: ActorDep,
        data: JSONBody[SurveyDraftSave],
    ) -> SurveyDraftState:
        return await services.save_draft(municipality, survey_id, actor, data)

    @post(
        "/{survey_id:int}/paper",
        operation_id="enterSurveyResponse",
        guards=[requires_role(Role.STAFF, Role.ADMIN)],
        summary="Staff type in a paper or phone answer",
    )
    async def enter(
        self,
        slug: FromPath[str],
        survey_id: PathId,
        municipality: MunicipalityDep,
        actor: ActorDep,
        data: JSONBody[SurveyStaffEntry],
    ) -> SurveyEntered:
        return await services.enter_on_paper(municipality, survey_id, actor, data)
