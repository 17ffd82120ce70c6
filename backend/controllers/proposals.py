"""One proposal: show, edit, withdraw, vote, comments, follow and its official answer (photos: photos.py)."""

from __future__ import annotations

from typing import Any, Literal

from litestar import Controller, Request, Response, delete, get, post, put
from litestar.params import FromPath, JSONBody, Parameter

from backend.auth import public, requires_login, requires_role
from backend.conditional import conditional
from backend.controllers.consultations import post_office
from backend.dependencies import ActorDep, MailerDep, MunicipalityDep, SettingsDep
from backend.paging import DEFAULT_LIMIT, CursorParam, LimitParam
from backend.params import PathId
from geo.roles import Role
from proposals import services
from proposals.schemas import (
    AdminProposal,
    AnswerIn,
    Comment,
    CommentCreate,
    CommentThread,
    CommentUpdate,
    CommentVoteIn,
    Done,
    Following,
    Proposal,
    ProposalUpdate,
    VoteIn,
    VoteResult,
)


class ProposalController(Controller):
    path = "/api/v1/municipalities/{slug:str}/proposals"
    tags = ["proposals"]

    @get("/{proposal_id:int}", operation_id="getProposal", guards=[public], summary="A proposal")
    async def get_proposal(
        self, slug: FromPath[str], proposal_id: PathId, municipality: MunicipalityDep, actor: ActorDep
    ) -> Proposal:
        return await services.get_proposal(municipality, proposal_id, actor)

    @put(
        "/{proposal_id:int}",
        operation_id="updateProposal",
        guards=[requires_login],
        summary="Change one's proposal (until the first comment or vote)",
    )
    async def update_proposal(
        self,
        slug: FromPath[str],
        proposal_id: PathId,
        municipality: MunicipalityDep,
        actor: ActorDep,
        data: JSONBody[ProposalUpdate],
    ) -> Proposal:
        return await services.update_proposal(municipality, proposal_id, actor, data)

    @post(
        "/{proposal_id:int}/withdraw",
        operation_id="withdrawProposal",
        guards=[requires_login],
        status_code=200,
        summary="Withdraw one's proposal",
    )
    async def withdraw(
        self, slug: FromPath[str], proposal_id: PathId, municipality: MunicipalityDep, actor: ActorDep
    ) -> Proposal:
        return await services.withdraw_proposal(municipality, proposal_id, actor)

    @post(
        "/{proposal_id:int}/vote",
        operation_id="voteOnProposal",
        guards=[requires_login],
        status_code=200,
        summary="Vote (support, or for/against) in a voting phase; one vote per person and proposal",
    )
    async def vote(
        self,
        slug: FromPath[str],
        proposal_id: PathId,
        municipality: MunicipalityDep,
        actor: ActorDep,
        data: JSONBody[VoteIn],
    ) -> VoteResult:
        return await services.vote(municipality, proposal_id, actor, data.value)

    @delete(
        "/{proposal_id:int}/vote",
        operation_id="withdrawVote",
        guards=[requires_login],
        status_code=200,
        summary="Take one's vote back while voting is open",
    )
    async def withdraw_vote(
        self, slug: FromPath[str], proposal_id: PathId, municipality: MunicipalityDep, actor: ActorDep
    ) -> VoteResult:
        return await services.withdraw_vote(municipality, proposal_id, actor)

    @get(
        "/{proposal_id:int}/comments",
        operation_id="listComments",
        guards=[public],
        summary="The comment thread, top-level comments sorted, replies in order",
    )
    async def list_comments(
        self,
        request: Request[Any, Any, Any],
        slug: FromPath[str],
        proposal_id: PathId,
        municipality: MunicipalityDep,
        actor: ActorDep,
        sort: Literal["newest", "oldest", "most_supported", "most_discussed"] = Parameter(default="newest"),
        limit: LimitParam = DEFAULT_LIMIT,
        cursor: CursorParam = None,
    ) -> Response[CommentThread]:
        thread = await services.list_comments(municipality, proposal_id, actor, sort, limit=limit, cursor=cursor)
        return await conditional(request, thread)

    @post(
        "/{proposal_id:int}/comments",
        operation_id="addComment",
        guards=[requires_login],
        summary="Comment, or reply to a comment (up to depth 3)",
    )
    async def add_comment(
        self,
        slug: FromPath[str],
        proposal_id: PathId,
        municipality: MunicipalityDep,
        actor: ActorDep,
        settings: SettingsDep,
        mailer: MailerDep,
        data: JSONBody[CommentCreate],
    ) -> Comment:
        return await services.add_comment(municipality, proposal_id, actor, data, post_office(settings, mailer))

    @post(
        "/{proposal_id:int}/follow",
        operation_id="followProposal",
        guards=[requires_login],
        status_code=200,
        summary="Follow a proposal (mail on answers)",
    )
    async def follow(
        self, slug: FromPath[str], proposal_id: PathId, municipality: MunicipalityDep, actor: ActorDep
    ) -> Following:
        return await services.follow_proposal(municipality, proposal_id, actor, True)

    @post(
        "/{proposal_id:int}/unfollow",
        operation_id="unfollowProposal",
        guards=[requires_login],
        status_code=200,
        summary="Stop following a proposal",
    )
    async def unfollow(
        self, slug: FromPath[str], proposal_id: PathId, municipality: MunicipalityDep, actor: ActorDep
    ) -> Following:
        return await services.follow_proposal(municipality, proposal_id, actor, False)

    @put(
        "/{proposal_id:int}/answer",
        operation_id="saveAnswer",
        guards=[requires_role(Role.ADMIN)],
        summary="Save the official answer (status and text) as a draft",
    )
    async def save_answer(
        self,
        slug: FromPath[str],
        proposal_id: PathId,
        municipality: MunicipalityDep,
        actor: ActorDep,
        data: JSONBody[AnswerIn],
    ) -> AdminProposal:
        return await services.save_answer(municipality, proposal_id, actor, data)

    @post(
        "/{proposal_id:int}/answer/publish",
        operation_id="publishAnswer",
        guards=[requires_role(Role.ADMIN)],
        status_code=200,
        summary="Publish the saved answer; followers are told",
    )
    async def publish_answer(
        self,
        slug: FromPath[str],
        proposal_id: PathId,
        municipality: MunicipalityDep,
        actor: ActorDep,
        settings: SettingsDep,
        mailer: MailerDep,
    ) -> Done:
        count = await services.publish_answer(municipality, proposal_id, actor, post_office(settings, mailer))
        return Done(detail_de="Antwort veröffentlicht.", detail_en="Answer published.", count=count)


class CommentController(Controller):
    path = "/api/v1/municipalities/{slug:str}/comments"
    tags = ["proposals"]
    guards = [requires_login]

    @put("/{comment_id:int}", operation_id="editComment", summary="Change one's comment (within 15 minutes)")
    async def edit_comment(
        self,
        slug: FromPath[str],
        comment_id: PathId,
        municipality: MunicipalityDep,
        actor: ActorDep,
        data: JSONBody[CommentUpdate],
    ) -> Comment:
        return await services.edit_comment(municipality, comment_id, actor, data)

    @delete(
        "/{comment_id:int}",
        operation_id="deleteComment",
        status_code=204,
        summary="Delete one's comment; a placeholder stays in the thread",
    )
    async def delete_comment(
        self, slug: FromPath[str], comment_id: PathId, municipality: MunicipalityDep, actor: ActorDep
    ) -> None:
        await services.delete_comment(municipality, comment_id, actor)

    @post(
        "/{comment_id:int}/vote",
        operation_id="voteOnComment",
        status_code=200,
        summary="Up (1), down (-1) or take back (0)",
    )
    async def vote_comment(
        self,
        slug: FromPath[str],
        comment_id: PathId,
        municipality: MunicipalityDep,
        actor: ActorDep,
        data: JSONBody[CommentVoteIn],
    ) -> Comment:
        return await services.vote_comment(municipality, comment_id, actor, data.value)
