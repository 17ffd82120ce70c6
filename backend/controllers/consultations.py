"""Consultations (Beteiligungsverfahren) of a municipality: list, show, create, change, proposals in them."""

from __future__ import annotations

from typing import Any, Literal

from litestar import Controller, Request, Response, get, post, put
from litestar.params import FromPath, JSONBody, MultipartBody, Parameter

from backend import links
from backend.auth import public, requires_login, requires_role
from backend.conditional import conditional
from backend.dependencies import ActorDep, LinksDep, MailerDep, MunicipalityDep, SettingsDep
from backend.paging import DEFAULT_LIMIT, CursorParam, LimitParam
from backend.params import PathId, QueryId
from backend.uploads import CoverForm, ProposalForm, parse_model, photo_bytes, photo_store
from geo.paging import Page
from geo.roles import Role
from media.photos import PhotoStore
from proposals import services
from proposals.schemas import (
    AdminProposal,
    Consultation,
    ConsultationCreate,
    ConsultationSummary,
    Done,
    Following,
    Pin,
    Proposal,
    ProposalCreate,
    ProposalSummary,
    TextPreview,
    TextPreviewIn,
)
from proposals.services import Post


def post_office(settings: Any, mailer: Any) -> Post:
    return links.post_office(settings, mailer)


class ConsultationController(Controller):
    path = "/api/v1/municipalities/{slug:str}/consultations"
    tags = ["consultations"]

    @get("/", operation_id="listConsultations", guards=[public], summary="Consultations (admins also see drafts)")
    async def list_consultations(
        self,
        slug: FromPath[str],
        municipality: MunicipalityDep,
        actor: ActorDep,
        timing: Literal["upcoming", "running", "finished"] | None = Parameter(default=None),
    ) -> list[ConsultationSummary]:
        return await services.list_consultations(municipality, actor, timing)

    @post("/", operation_id="createConsultation", guards=[requires_role(Role.ADMIN)], summary="Create a consultation")
    async def create_consultation(
        self,
        slug: FromPath[str],
        municipality: MunicipalityDep,
        actor: ActorDep,
        data: JSONBody[ConsultationCreate],
    ) -> Consultation:
        return await services.create_consultation(municipality, actor, data)

    @post(
        "/preview",
        operation_id="previewConsultationText",
        guards=[requires_role(Role.ADMIN)],
        summary="Render a consultation text (Markdown) the way the page will show it, without saving",
        status_code=200,
    )
    async def preview_text(
        self, slug: FromPath[str], municipality: MunicipalityDep, actor: ActorDep, data: JSONBody[TextPreviewIn]
    ) -> TextPreview:
        return services.preview_text(actor, data.text)

    @get("/{consultation_id:int}", operation_id="getConsultation", guards=[public], summary="A consultation")
    async def get_consultation(
        self,
        request: Request[Any, Any, Any],
        slug: FromPath[str],
        consultation_id: PathId,
        municipality: MunicipalityDep,
        actor: ActorDep,
    ) -> Response[Consultation]:
        return await conditional(request, await services.get_consultation(municipality, consultation_id, actor))

    @put(
        "/{consultation_id:int}",
        operation_id="updateConsultation",
        guards=[requires_role(Role.ADMIN)],
        summary="Change a consultation, its settings and phases",
    )
    async def update_consultation(
        self,
        slug: FromPath[str],
        consultation_id: PathId,
        municipality: MunicipalityDep,
        actor: ActorDep,
        data: JSONBody[ConsultationCreate],
    ) -> Consultation:
        return await services.update_consultation(municipality, consultation_id, actor, data)

    @put(
        "/{consultation_id:int}/cover",
        operation_id="setConsultationCover",
        guards=[requires_role(Role.ADMIN)],
        summary="Upload the cover image (JPEG, PNG or WebP; metadata is removed)",
    )
    async def set_cover(
        self,
        slug: FromPath[str],
        consultation_id: PathId,
        municipality: MunicipalityDep,
        actor: ActorDep,
        settings: SettingsDep,
        data: MultipartBody[CoverForm],
    ) -> Consultation:
        store = PhotoStore(settings.media_dir)
        return await services.set_cover(municipality, consultation_id, actor, await data.data.read(), store)

    @get(
        "/{consultation_id:int}/cover",
        operation_id="getConsultationCover",
        guards=[public],
        summary="The cover image",
        media_type="image/jpeg",
    )
    async def get_cover(
        self,
        slug: FromPath[str],
        consultation_id: PathId,
        municipality: MunicipalityDep,
        actor: ActorDep,
        settings: SettingsDep,
    ) -> Response[bytes]:
        key = await services.cover_key(municipality, consultation_id, actor)
        if not key:
            from proposals.errors import ConsultationNotFound

            raise ConsultationNotFound()
        return Response(PhotoStore(settings.media_dir).read(key), media_type="image/jpeg")

    @get(
        "/{consultation_id:int}/proposals",
        operation_id="listProposals",
        guards=[public],
        summary="Public proposals of a consultation, filtered and sorted, one page at a time",
    )
    async def list_proposals(
        self,
        request: Request[Any, Any, Any],
        slug: FromPath[str],
        consultation_id: PathId,
        municipality: MunicipalityDep,
        actor: ActorDep,
        sort: Literal["newest", "oldest", "most_supported", "most_discussed"] = Parameter(default="newest"),
        district: QueryId = None,
        category: str | None = Parameter(default=None, max_length=80),
        answer_status: Literal["in_review", "accepted", "rejected", "implemented"] | None = Parameter(default=None),
        q: str | None = Parameter(default=None, max_length=100),
        limit: LimitParam = DEFAULT_LIMIT,
        cursor: CursorParam = None,
    ) -> Response[Page[ProposalSummary]]:
        page = await services.list_proposals(
            municipality,
            consultation_id,
            actor,
            sort=sort,
            district=district,
            category=category,
            answer_status=answer_status,
            query=q,
            limit=limit,
            cursor=cursor,
        )
        return await conditional(request, page)

    @post(
        "/{consultation_id:int}/proposals",
        operation_id="createProposal",
        guards=[requires_login],
        summary="Make a proposal (multipart: `proposal` JSON, up to three `photos`) in a phase that allows it",
    )
    async def create_proposal(
        self,
        slug: FromPath[str],
        consultation_id: PathId,
        municipality: MunicipalityDep,
        actor: ActorDep,
        settings: SettingsDep,
        data: MultipartBody[ProposalForm],
        links: LinksDep,
    ) -> Proposal:
        proposal = parse_model(ProposalCreate, data.proposal, "proposal.")
        return await services.create_proposal(
            municipality,
            consultation_id,
            actor,
            proposal,
            photos=await photo_bytes(data.photos),
            store=photo_store(settings),
            links=links,
        )

    @get(
        "/{consultation_id:int}/pins",
        operation_id="listProposalPins",
        guards=[public],
        summary="Coordinates and titles of the pinned public proposals, for the map",
    )
    async def pins(
        self,
        request: Request[Any, Any, Any],
        slug: FromPath[str],
        consultation_id: PathId,
        municipality: MunicipalityDep,
        actor: ActorDep,
    ) -> Response[list[Pin]]:
        return await conditional(request, await services.pins_json(municipality, consultation_id, actor))

    @get(
        "/{consultation_id:int}/similar",
        operation_id="findSimilarProposals",
        guards=[public],
        summary="Proposals with a similar title or a pin within 150 m, while writing a new one",
    )
    async def similar(
        self,
        slug: FromPath[str],
        consultation_id: PathId,
        municipality: MunicipalityDep,
        actor: ActorDep,
        title: str = Parameter(default="", max_length=160),
        lat: float | None = Parameter(default=None, ge=-90, le=90),
        lon: float | None = Parameter(default=None, ge=-180, le=180),
    ) -> list[ProposalSummary]:
        return await services.similar_proposals(municipality, consultation_id, actor, title, lat, lon)

    @post(
        "/{consultation_id:int}/follow",
        operation_id="followConsultation",
        guards=[requires_login],
        status_code=200,
        summary="Follow a consultation (mail on new phases)",
    )
    async def follow(
        self, slug: FromPath[str], consultation_id: PathId, municipality: MunicipalityDep, actor: ActorDep
    ) -> Following:
        return await services.follow_consultation(municipality, consultation_id, actor, True)

    @post(
        "/{consultation_id:int}/unfollow",
        operation_id="unfollowConsultation",
        guards=[requires_login],
        status_code=200,
        summary="Stop following a consultation",
    )
    async def unfollow(
        self, slug: FromPath[str], consultation_id: PathId, municipality: MunicipalityDep, actor: ActorDep
    ) -> Following:
        return await services.follow_consultation(municipality, consultation_id, actor, False)

    @get(
        "/{consultation_id:int}/answers",
        operation_id="listProposalsToAnswer",
        guards=[requires_role(Role.ADMIN)],
        summary="Every public proposal with its (draft) answer, for admins",
    )
    async def to_answer(
        self, slug: FromPath[str], consultation_id: PathId, municipality: MunicipalityDep, actor: ActorDep
    ) -> list[AdminProposal]:
        return await services.proposals_to_answer(municipality, consultation_id, actor)

    @post(
        "/{consultation_id:int}/answers/publish",
        operation_id="publishAllAnswers",
        guards=[requires_role(Role.ADMIN)],
        status_code=200,
        summary="Publish every saved answer at once; followers are told",
    )
    async def publish_all(
        self,
        slug: FromPath[str],
        consultation_id: PathId,
        municipality: MunicipalityDep,
        actor: ActorDep,
        settings: SettingsDep,
        mailer: MailerDep,
    ) -> Done:
        count = await services.publish_all(municipality, consultation_id, actor, post_office(settings, mailer))
        return Done(
            detail_de=f"{count} Antworten veröffentlicht.", detail_en=f"{count} answers published.", count=count
        )
