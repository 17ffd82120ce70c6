"""Survey results: live counts for admins, published results for everyone, raw-data exports for admins, and the
printed documents (council report, paper questionnaire, invitation letters). Thin: each handler asks
`surveys.results` who may see what, then counts or renders."""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Awaitable, Callable, Hashable
from pathlib import Path
from typing import Annotated, Any

from litestar import Controller, Request, Response, get, post
from litestar.params import JSONBody, QueryParameter
from litestar.response import Stream
from pydantic import BaseModel, Field

from backend.auth import public, request_actor, requires_role
from backend.dependencies import MunicipalityDep, SettingsDep
from backend.documents import survey as documents
from backend.documents.kinds import cover_fingerprint, cover_of
from backend.links import SpaLinks
from backend.params import PathId
from geo.roles import Role
from surveys import exports
from surveys.definition import Status
from surveys.plan import plan_of
from surveys.results import (
    SurveyResults,
    may_export,
    may_print_letters,
    may_print_questionnaire,
    results,
    survey_in,
    unknown_codes,
    view_for,
)
from surveys.storage import load_responses, load_themes
from surveys.tally import CrossTab

Language = Annotated[str, QueryParameter(pattern="^(de|en)$", description="de (default) or en")]
By = Annotated[str, QueryParameter(pattern="^(audience|district)$", description="audience or district")]
Coding = Annotated[
    str,
    QueryParameter(
        pattern="^(numeric|labels)$",
        description="numeric (default: SPSS codes, one 0/1 column per option) or labels (what people read)",
    ),
]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"


class LettersCreate(BaseModel):
    """The invitation codes to print (as generated, shown once) and the letter's text."""

    codes: list[str] = Field(min_length=1, max_length=2000)
    text: str = Field(default="", max_length=4000, description="Paragraphs separated by a blank line")
    sender: str = Field(default="", max_length=200, description="Who signs, e.g. 'Ihre Stadtverwaltung'")
    lang: str = Field(default="de", pattern="^(de|en)$")


Render = Callable[[Path], Awaitable[int]]

# The report and the questionnaire anyone may fetch, rendered once per worker while what they show is unchanged
# (key -> (stamp, PDF)): a burst of requests for published results must not run WeasyPrint for each of them.
_RENDERED: dict[Hashable, tuple[Any, bytes]] = {}
_RENDERED_SIZE = 16
_LAYOUT = asyncio.Lock()  # one survey layout at a time per worker; who waits then finds it rendered


def _looks(municipality: Any) -> tuple[Any, ...]:
    """What of the profile a document shows besides its content (a new logo or colour: rendered anew)."""
    return municipality.id, municipality.name, municipality.brand_color, cover_fingerprint(municipality)


async def _rendered(render: Render, name: str) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / name
        await render(target)
        return target.read_bytes()


async def _pdf(render: Render, name: str, *, key: Hashable | None = None, stamp: Any = None) -> Response[bytes]:
    """The PDF as an inline download; with a `key`, reused while `stamp` (what the document shows) is unchanged."""
    if key is None:
        content = await _rendered(render, name)
    else:
        async with _LAYOUT:
            hit = _RENDERED.get(key)
            if hit is not None and (hit[0] is stamp or hit[0] == stamp):
                content = hit[1]
            else:
                content = await _rendered(render, name)
                if len(_RENDERED) >= _RENDERED_SIZE:
                    _RENDERED.pop(next(iter(_RENDERED)))
                _RENDERED[key] = (stamp, content)
    return Response(content, media_type=PDF, headers={"Content-Disposition": f'inline; filename="{name}"'})


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}


class SurveyResultsController(Controller):
    path = "/api/v1/municipalities/{slug:str}/surveys/{survey_id:int}"
    tags = ["surveys"]
    guards = [public]  # the handlers check the audience: published results are for everyone

    @get(
        "/results",
        operation_id="getSurveyResults",
        summary="Results of a survey: live for admins (also while open), for the council once closed, "
        "for everyone once published; breakdowns hide cells under 5 answers",
    )
    async def get_results(
        self, request: Request[Any, Any, Any], municipality: MunicipalityDep, survey_id: PathId, lang: Language = "de"
    ) -> SurveyResults:
        survey = await survey_in(municipality.id, survey_id)
        view = view_for(survey, (await request_actor(request)).roles)
        return await results(survey, view, lang)

    @get(
        "/results/crosstab",
        operation_id="getSurveyCrossTab",
        summary="The categorical questions broken down by audience or district (cells under 5 answers hidden)",
    )
    async def get_crosstab(
        self,
        request: Request[Any, Any, Any],
        municipality: MunicipalityDep,
        survey_id: PathId,
        by: By = "audience",
        lang: Language = "de",
    ) -> tuple[CrossTab, ...]:

        survey = await survey_in(municipality.id, survey_id)
        r = await results(survey, view_for(survey, (await request_actor(request)).roles), lang)
        return r.by_audience if by == "audience" else r.by_district

    @get(
        ["/export.csv", "/export.xlsx"],
        operation_id=lambda handler, method, components: (
            f"getSurveyExport{str(components[-1]).rsplit('.')[-1].title()}"
        ),
        guards=[requires_role(Role.ADMIN)],
        summary="All responses, one row per response (CSV or XLSX with its codebook), without anything personal",
    )
    async def export(
        self,
        request: Request[Any, Any, Any],
        municipality: MunicipalityDep,
        survey_id: PathId,
        coding: Coding = "numeric",
        lang: Language = "de",
    ) -> Response[Any]:
        survey = await survey_in(municipality.id, survey_id)
        may_export((await request_actor(request)).roles)
        plan = plan_of(survey.definition, lang, await load_themes(survey_id, lang))
        records = await load_responses(survey_id)
        name = f"umfrage-{survey_id}"
        mode: exports.Coding = "numeric" if coding == "numeric" else "labels"
        if request.url.path.endswith(".csv"):
            lines = exports.csv_lines(plan, records, coding=mode, lang=lang)
            return Stream(lines, media_type="text/csv", headers=_attachment(f"{name}.csv"))
        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / f"{name}.xlsx"
            # openpyxl is CPU work for seconds on large surveys: in a thread, so the worker's event loop runs on
            await asyncio.to_thread(exports.write_xlsx, plan, records, target, coding=mode, lang=lang)
            content = target.read_bytes()
        return Response(content, media_type=XLSX, headers=_attachment(f"{name}.xlsx"))

    @get(
        ["/codebook.csv", "/codebook.sps"],
        operation_id=lambda handler, method, components: (
            f"getSurveyCodebook{str(components[-1]).rsplit('.')[-1].title()}"
        ),
        guards=[requires_role(Role.ADMIN)],
        summary="The codebook of the export: variables, labels, numeric codes (CSV, or SPSS syntax)",
    )
    async def codebook(
        self, request: Request[Any, Any, Any], municipality: MunicipalityDep, survey_id: PathId, lang: Language = "de"
    ) -> Response[Any]:
        survey = await survey_in(municipality.id, survey_id)
        plan = plan_of(survey.definition, lang, await load_themes(survey_id, lang))
        if request.url.path.endswith(".csv"):
            body = exports.codebook_csv(plan, lang)
            return Response(body, media_type="text/csv", headers=_attachment(f"codebuch-{survey_id}.csv"))
        syntax = exports.spss_syntax(plan, lang, data_file=f"umfrage-{survey_id}.csv")
        return Response(syntax, media_type="text/plain", headers=_attachment(f"umfrage-{survey_id}.sps"))

    @get(
        "/report.pdf",
        operation_id="getSurveyReport",
        summary="The council's results report (PDF/UA): a draft for admins and the council until published",
    )
    async def report(
        self,
        request: Request[Any, Any, Any],
        municipality: MunicipalityDep,
        settings: SettingsDep,
        survey_id: PathId,
        lang: Language = "de",
    ) -> Response[bytes]:
        survey = await survey_in(municipality.id, survey_id)
        view = view_for(survey, (await request_actor(request)).roles)
        r = await results(survey, view, lang)

        async def render(target: Path) -> int:
            return await documents.render_report(
                r,
                survey.definition,
                target,
                municipality_name=municipality.name,
                lang=lang,
                draft=survey.status != Status.RESULTS_PUBLISHED,
                brand_color=municipality.brand_color,
                cover=cover_of(municipality, settings),
            )

        # surveys.results hands out the same results while nothing they count changed: they stamp the document
        key = ("report", survey_id, survey.status, view, lang, *_looks(municipality))
        return await _pdf(render, f"umfrage-{survey_id}-bericht-{lang}.pdf", key=key, stamp=r)

    @get(
        "/questionnaire.pdf",
        operation_id="getSurveyQuestionnaire",
        summary="The printable paper questionnaire (PDF/UA): for staff and admins, for everyone while open",
    )
    async def questionnaire(
        self,
        request: Request[Any, Any, Any],
        municipality: MunicipalityDep,
        settings: SettingsDep,
        survey_id: PathId,
        lang: Language = "de",
    ) -> Response[bytes]:
        survey = await survey_in(municipality.id, survey_id)
        may_print_questionnaire(survey, (await request_actor(request)).roles)

        async def render(target: Path) -> int:
            return await documents.render_questionnaire(
                survey.definition,
                target,
                municipality_name=municipality.name,
                lang=lang,
                brand_color=municipality.brand_color,
                cover=cover_of(municipality, settings),
            )

        key = ("questionnaire", survey_id, lang, *_looks(municipality))
        stamp = (survey.status, survey.definition.model_dump_json())  # questions change only in a draft
        return await _pdf(render, f"umfrage-{survey_id}-fragebogen-{lang}.pdf", key=key, stamp=stamp)

    @post(
        "/invitation-letters.pdf",
        operation_id="printSurveyInvitationLetters",
        guards=[requires_role(Role.ADMIN)],
        status_code=200,
        summary="Invitation letters (PDF/UA), one page per code: the text, the code and a QR code with the link",
        description="Only codes generated for this survey are printed; any other is a 422 naming it.",
    )
    async def letters(
        self,
        request: Request[Any, Any, Any],
        municipality: MunicipalityDep,
        settings: SettingsDep,
        survey_id: PathId,
        data: JSONBody[LettersCreate],
    ) -> Response[bytes]:
        survey = await survey_in(municipality.id, survey_id)
        may_print_letters((await request_actor(request)).roles)
        await unknown_codes(survey.id, data.codes)
        link = SpaLinks(settings.base_url).survey(municipality.slug, survey_id)
        sender = data.sender or municipality.name

        async def render(target: Path) -> int:
            return await documents.render_letters(
                survey.definition,
                data.codes,
                link,
                target,
                text=data.text or survey.definition.intro.get(data.lang),
                sender=sender,
                municipality_name=municipality.name,
                lang=data.lang,
                brand_color=municipality.brand_color,
                cover=cover_of(municipality, settings),
            )

        return await _pdf(render, f"umfrage-{survey_id}-einladungen.pdf")
