"""Themes of a survey's free-text answers: staff define them and tag approved answers (staff and admins only)."""

from __future__ import annotations

from litestar import Controller, delete, get, post, put
from litestar.params import FromPath, JSONBody

from backend.auth import requires_role
from backend.dependencies import ActorDep, MunicipalityDep
from backend.params import PathId
from geo.roles import Role
from surveys.schemas import FreeTextThemesUpdate, SurveyTheme, SurveyThemeCreate, TaggableAnswer
from surveys.services import themes


class SurveyThemeController(Controller):
    path = "/api/v1/municipalities/{slug:str}/surveys/{survey_id:int}"
    tags = ["surveys"]
    guards = [requires_role(Role.STAFF, Role.ADMIN)]

    @get("/themes", operation_id="listSurveyThemes", summary="The survey's themes and how many answers each holds")
    async def list_themes(
        self, slug: FromPath[str], survey_id: PathId, municipality: MunicipalityDep, actor: ActorDep
    ) -> list[SurveyTheme]:
        return await themes.list_themes(municipality, survey_id, actor)

    @post("/themes", operation_id="createSurveyTheme", summary="A new theme (short label, German and English)")
    async def create_theme(
        self,
        slug: FromPath[str],
        survey_id: PathId,
        municipality: MunicipalityDep,
        actor: ActorDep,
        data: JSONBody[SurveyThemeCreate],
    ) -> SurveyTheme:
        return await themes.create_theme(municipality, survey_id, actor, data)

    @put("/themes/{theme_id:int}", operation_id="renameSurveyTheme", summary="Rename a theme")
    async def rename_theme(
        self,
        slug: FromPath[str],
        survey_id: PathId,
        theme_id: PathId,
        municipality: MunicipalityDep,
        actor: ActorDep,
        data: JSONBody[SurveyThemeCreate],
    ) -> SurveyTheme:
        return await themes.rename_theme(municipality, survey_id, theme_id, actor, data)

    @delete(
        "/themes/{theme_id:int}",
        operation_id="deleteSurveyTheme",
        status_code=204,
        summary="Delete a theme and its tags",
    )
    async def delete_theme(
        self, slug: FromPath[str], survey_id: PathId, theme_id: PathId, municipality: MunicipalityDep, actor: ActorDep
    ) -> None:
        await themes.delete_theme(municipality, survey_id, theme_id, actor)

    @get("/free-texts", operation_id="listSurveyFreeTexts", summary="Approved free-text answers with their themes")
    async def free_texts(
        self, slug: FromPath[str], survey_id: PathId, municipality: MunicipalityDep, actor: ActorDep
    ) -> list[TaggableAnswer]:
        return await themes.taggable_answers(municipality, survey_id, actor)

    @put(
        "/free-texts/{answer_id:int}/themes",
        operation_id="tagSurveyFreeText",
        summary="Set the themes of one approved free-text answer (the whole list; empty takes all off)",
    )
    async def tag(
        self,
        slug: FromPath[str],
        survey_id: PathId,
        answer_id: PathId,
        municipality: MunicipalityDep,
        actor: ActorDep,
        data: JSONBody[FreeTextThemesUpdate],
    ) -> TaggableAnswer:
        return await themes.tag_answer(municipality, survey_id, answer_id, actor, data)
