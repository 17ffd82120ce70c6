"""Council documents and open data: the results PDF (direct or as a background job), the Mängelmelder
statistics of a period, and CSV / GeoJSON / XLSX downloads without personal data, all public data."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from litestar import Controller, Request, Response, get, post
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.openapi import ResponseSpec
from litestar.params import QueryParameter
from litestar.response import File, Stream
from pydantic import BaseModel

from backend.auth import current_account, public, request_actor, request_municipality, requires_role
from backend.dependencies import AccountDep, MunicipalityDep, SettingsDep
from backend.documents import access, jobs, periods, runner
from backend.documents.kinds import CONSULTATION_RESULTS, cover_fingerprint
from backend.documents.tables import DocumentJob
from backend.opendata import Column, csv_stream, geojson_stream, xlsx_file
from backend.params import PathId
from defects.services.statistics import open_data_rows as defect_report_rows
from geo.errors import Invalid, NotFound
from geo.roles import Role
from proposals.results import open_data_rows

Language = Annotated[str, QueryParameter(pattern="^(de|en)$", description="de (default) or en")]
DIRECT_LIMIT = 150  # consultations with at most this many proposals render while the person waits
PDF = "application/pdf"


class DocumentJobOut(BaseModel):
    id: int
    status: str
    progress: int
    step: str
    pages: int
    download_url: str | None


class ResultsState(BaseModel):
    published_at: str | None
    document_url: str
    undo_until: str | None = None  # until when the publication can be taken back (admins see the button)
    voting_open_until: str | None = None  # people still vote until then: publishing waits


async def _results_state(slug: str, consultation: dict) -> ResultsState:
    published = await access.released_at(consultation["id"])
    undo = access.undo_until(published)
    voting = await access.voting_open_until(consultation)
    return ResultsState(
        published_at=published.isoformat() if published else None,
        document_url=f"/api/v1/municipalities/{slug}/consultations/{consultation['id']}/results.pdf",
        undo_until=undo.isoformat() if undo else None,
        voting_open_until=voting.isoformat() if voting else None,
    )


# Handlers of this public controller that check the audience themselves (not logged in; not allowed yet).
AUDIENCE_CHECKED = [NotAuthorizedException, PermissionDeniedException]


def per_format(name: str) -> Any:
    """One operation id per file format, e.g. getProposalsOpenDataCsv, for handlers serving three paths."""

    def create(handler: Any, method: Any, components: list[Any]) -> str:
        return f"{name}{str(components[-1]).rsplit('.', 1)[-1].title()}"

    return create


def job_out(slug: str, job: DocumentJob) -> DocumentJobOut:
    url = f"/api/v1/municipalities/{slug}/document-jobs/{job.id}/file" if job.status == "done" else None
    return DocumentJobOut(
        id=job.id, status=job.status, progress=job.progress, step=job.step, pages=job.pages, download_url=url
    )


async def _roles(request: Request[Any, Any, Any], municipality_id: int) -> frozenset[Role]:
    """The asker's roles in the municipality of `{slug}` (which is `municipality_id`), resolved once per request."""
    return (await request_actor(request)).roles


PROPOSAL_COLUMNS = [
    Column("id", "Nr."),
    Column("title", "Titel"),
    Column("body", "Beschreibung"),
    Column("category", "Kategorie"),
    Column("district", "Stadtteil"),
    Column("lat", "Breite"),
    Column("lon", "Länge"),
    Column("support_count", "Unterstützung"),
    Column("against_count", "Dagegen"),
    Column("comment_count", "Kommentare"),
    Column("answer_status", "Status der Antwort"),
    Column("answer_text", "Antwort der Stadt"),
    Column("created_at", "Eingereicht"),
]
DEFECT_REPORT_COLUMNS = [
    Column("id", "Nr."),
    Column("category_code", "Kategorie-Code"),
    Column("category", "Kategorie"),
    Column("district", "Stadtteil"),
    Column("status", "Status"),
    Column("status_group", "Gruppe"),
    Column("description", "Beschreibung"),
    Column("lat", "Breite"),
    Column("lon", "Länge"),
    Column("affected_count", "Betrifft mich auch"),
    Column("created_at", "Eingegangen"),
]
MEDIA_TYPES = {
    "csv": "text/csv",  # Litestar adds "; charset=utf-8" to text types
    "geojson": "application/geo+json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


async def open_data(
    fmt: str, columns: list[Column], rows: Any, licence: str, attribution: str, filename: str, sheet: str
) -> Response[Any]:
    disposition = {"Content-Disposition": f'attachment; filename="{filename}.{fmt}"'}
    if fmt == "csv":
        return Stream(csv_stream(columns, rows, licence), media_type=MEDIA_TYPES["csv"], headers=disposition)
    if fmt == "geojson":
        return Stream(
            geojson_stream(rows, licence, attribution), media_type=MEDIA_TYPES["geojson"], headers=disposition
        )
    path = await xlsx_file(columns, rows, licence, sheet)
    content = path.read_bytes()
    path.unlink()
    return Response(content, media_type=MEDIA_TYPES["xlsx"], headers=disposition)


def _format(request: Request[Any, Any, Any]) -> str:
    return request.url.path.rsplit(".", 1)[-1]


class DocumentController(Controller):
    path = "/api/v1/municipalities/{slug:str}"
    tags = ["documents"]
    guards = [public]  # each handler checks the audience itself: published results are for everyone

    @get(
        "/consultations/{consultation_id:int}/results",
        operation_id="getResultsState",
        summary="Whether the results are published, and where the document is",
    )
    async def results_state(self, municipality: MunicipalityDep, consultation_id: PathId) -> ResultsState:
        consultation = await access.consultation_in(municipality.id, consultation_id)
        return await _results_state(municipality.slug, consultation)

    @post(
        "/consultations/{consultation_id:int}/results/publish",
        operation_id="publishResults",
        guards=[requires_role(Role.ADMIN)],
        status_code=200,
        summary="Publish the results: the document becomes public and loses its draft mark",
        description="Refused (409) while a phase with voting is running. Can be taken back for 24 hours.",
    )
    async def publish(
        self, municipality: MunicipalityDep, consultation_id: PathId, account: AccountDep
    ) -> ResultsState:
        assert account is not None
        await access.release(municipality.id, consultation_id, account.id)
        consultation = await access.consultation_in(municipality.id, consultation_id)
        return await _results_state(municipality.slug, consultation)

    @post(
        "/consultations/{consultation_id:int}/results/withdraw",
        operation_id="withdrawResults",
        guards=[requires_role(Role.ADMIN)],
        status_code=200,
        summary="Take a publication of the results back (within 24 hours): the document is a draft again",
    )
    async def withdraw(
        self, municipality: MunicipalityDep, consultation_id: PathId, account: AccountDep
    ) -> ResultsState:
        assert account is not None
        await access.withdraw(municipality.id, consultation_id, account.id)
        consultation = await access.consultation_in(municipality.id, consultation_id)
        return await _results_state(municipality.slug, consultation)

    @get(
        "/consultations/{consultation_id:int}/results.pdf",
        operation_id="getResultsDocument",
        summary="The results document as PDF; large consultations answer 202 with a job to poll",
        raises=AUDIENCE_CHECKED,
        responses={
            202: ResponseSpec(
                DocumentJobOut, generate_examples=False, description="Being rendered: poll the job (Location)"
            )
        },
    )
    async def results_pdf(
        self,
        request: Request[Any, Any, Any],
        municipality: MunicipalityDep,
        settings: SettingsDep,
        consultation_id: PathId,
        lang: Language = "de",
    ) -> Response[Any]:
        job = await _results_job(request, municipality.id, consultation_id, lang)
        if job.status == "done":
            return _pdf(settings, job, f"ergebnisbericht-{consultation_id}.pdf")
        location = f"/api/v1/municipalities/{municipality.slug}/document-jobs/{job.id}"
        return Response(job_out(municipality.slug, job), status_code=202, headers={"Location": location})

    @post(
        "/consultations/{consultation_id:int}/results/document",
        operation_id="requestResultsDocument",
        summary="Start (or reuse) the results document; answers with the job, done at once for small consultations",
        status_code=202,
        raises=AUDIENCE_CHECKED,
        responses={
            200: ResponseSpec(DocumentJobOut, generate_examples=False, description="Already rendered: the job is done")
        },
    )
    async def request_results_document(
        self,
        request: Request[Any, Any, Any],
        municipality: MunicipalityDep,
        consultation_id: PathId,
        lang: Language = "de",
    ) -> Response[DocumentJobOut]:
        job = await _results_job(request, municipality.id, consultation_id, lang)
        return Response(job_out(municipality.slug, job), status_code=200 if job.status == "done" else 202)

    @get(
        "/defect-statistics.pdf",
        operation_id="getDefectStatisticsDocument",
        summary="The Mängelmelder statistics of a period as PDF: whole past months, quarters and years for everyone "
        "(rendered once, then reused), other periods for staff, admins and council; 202 with a job while it renders",
        raises=AUDIENCE_CHECKED,
        responses={
            202: ResponseSpec(
                DocumentJobOut, generate_examples=False, description="Being rendered: poll the job (see Location)"
            )
        },
    )
    async def defects_pdf(
        self,
        request: Request[Any, Any, Any],
        municipality: MunicipalityDep,
        settings: SettingsDep,
        date_from: Annotated[date, QueryParameter(name="from")],
        date_to: Annotated[date, QueryParameter(name="to")],
        lang: Language = "de",
    ) -> Response[Any]:
        _check_period(date_from, date_to)
        job = await periods.statistics_job(municipality, await request_actor(request), date_from, date_to, lang)
        if job.status != "done":
            job = await runner.render_now(job)
        if job.status != "done":
            location = f"/api/v1/municipalities/{municipality.slug}/document-jobs/{job.id}"
            return Response(job_out(municipality.slug, job), status_code=202, headers={"Location": location})
        return _pdf(settings, job, f"maengelmelder-{date_from}-{date_to}.pdf")

    @get(
        [
            "/consultations/{consultation_id:int}/proposals.csv",
            "/consultations/{consultation_id:int}/proposals.geojson",
            "/consultations/{consultation_id:int}/proposals.xlsx",
        ],
        operation_id=per_format("getProposalsOpenData"),
        summary="Open data: the consultation's public proposals with counts and answers (CSV, GeoJSON, XLSX)",
    )
    async def proposals_open_data(
        self, request: Request[Any, Any, Any], municipality: MunicipalityDep, consultation_id: PathId
    ) -> Response[Any]:
        consultation = await access.consultation_in(municipality.id, consultation_id)
        if consultation["status"] == "draft":
            raise NotFound(
                "Diese Beteiligung gibt es nicht.", "There is no such consultation.", field="consultation_id"
            )
        return await open_data(
            _format(request),
            PROPOSAL_COLUMNS,
            open_data_rows(consultation_id),
            municipality.open_data_licence,
            f"Stadt {municipality.name}",
            f"vorschlaege-{consultation_id}",
            "Vorschläge",
        )

    @get(
        ["/open-data/defect-reports.csv", "/open-data/defect-reports.geojson", "/open-data/defect-reports.xlsx"],
        operation_id=per_format("getDefectReportsOpenData"),
        summary="Open data: confirmed public defect reports of a period, without personal data (CSV, GeoJSON, XLSX)",
    )
    async def defect_reports_open_data(
        self,
        request: Request[Any, Any, Any],
        municipality: MunicipalityDep,
        date_from: Annotated[date, QueryParameter(name="from")],
        date_to: Annotated[date, QueryParameter(name="to")],
    ) -> Response[Any]:
        _check_period(date_from, date_to)
        return await open_data(
            _format(request),
            DEFECT_REPORT_COLUMNS,
            defect_report_rows(municipality.id, date_from, date_to),
            municipality.open_data_licence,
            f"Stadt {municipality.name}",
            f"maengelmeldungen-{date_from}-{date_to}",
            "Meldungen",
        )

    @get(
        "/document-jobs/{job_id:int}",
        operation_id="getDocumentJob",
        summary="Progress of a document being rendered",
        raises=AUDIENCE_CHECKED,
    )
    async def job_status(
        self, request: Request[Any, Any, Any], municipality: MunicipalityDep, job_id: PathId
    ) -> DocumentJobOut:
        job = await _visible_job(request, municipality.id, job_id)
        return job_out(municipality.slug, job)

    @get(
        "/document-jobs/{job_id:int}/file",
        operation_id="getDocumentJobFile",
        summary="Download a finished document",
        raises=AUDIENCE_CHECKED,
    )
    async def job_file(
        self,
        request: Request[Any, Any, Any],
        municipality: MunicipalityDep,
        settings: SettingsDep,
        job_id: PathId,
    ) -> Response[Any]:
        job = await _visible_job(request, municipality.id, job_id)
        if job.status != "done":
            raise NotFound("Der Bericht ist noch nicht fertig.", "The document is not ready yet.", field="job_id")
        return _pdf(settings, job, f"bericht-{job.id}.pdf")


async def _results_job(
    request: Request[Any, Any, Any], municipality_id: int, consultation_id: int, lang: str
) -> DocumentJob:
    """The job for this consultation's results document as the asker may see it, rendered at once when it is small."""
    await access.consultation_in(municipality_id, consultation_id)
    account = await current_account(request)
    roles = await _roles(request, municipality_id)
    if await access.released_at(consultation_id) is None and account is None:
        raise NotAuthorizedException()
    municipality = await request_municipality(request)
    audience = await access.audience(consultation_id, roles, municipality.council_name)
    params = {"consultation_id": consultation_id, "lang": lang, "data": await access.fingerprint(consultation_id)}
    params["cover"] = cover_fingerprint(municipality)  # a new logo or council name is a new document
    job = await jobs.request(
        CONSULTATION_RESULTS, municipality_id, params, audience=audience, requested_by=account.id if account else None
    )
    if job.status != "done" and await access.public_proposal_count(consultation_id) <= DIRECT_LIMIT:
        job = await runner.render_now(job)
    return job


def _check_period(date_from: date, date_to: date) -> None:
    if date_to < date_from or (date_to - date_from).days > 3 * 366:
        raise Invalid(
            "Der Zeitraum muss vorwärts laufen und höchstens drei Jahre lang sein.",
            "The period must run forwards and span at most three years.",
            field="to",
        )


async def _visible_job(request: Request[Any, Any, Any], municipality_id: int, job_id: int) -> DocumentJob:
    job = await jobs.get(job_id, municipality_id)
    if job is None:
        raise NotFound("Diesen Bericht gibt es nicht.", "There is no such document.", field="job_id")
    if job.audience == access.INTERNAL:
        roles = await _roles(request, municipality_id)
        if not roles & access.DRAFT_ROLES:
            if await current_account(request) is None:
                raise NotAuthorizedException()
            raise access.DocumentNotYetPublic((await request_municipality(request)).council_name)
    return job


def _pdf(settings: Any, job: DocumentJob, filename: str) -> Response[Any]:
    return File(
        path=jobs.file_path(settings, job.file_key),
        filename=filename,
        media_type=PDF,
        content_disposition_type="inline",
    )
