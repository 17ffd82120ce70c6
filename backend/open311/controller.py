"""GeoReport v2 endpoints at /open311/v2/: discovery, services, service definitions and service requests.

Every answer exists as `.json` and `.xml`; `jurisdiction_id` is the municipality's slug. Errors follow
the spec (a list of {code, description}), not RFC 9457, because Open311 clients expect that shape
(backend/open311/errors.py). Reads are open to every web origin (CORS), writes are not.
Writes authenticate with the municipality's API key (CSRF does not apply: see CSRF_EXEMPT in app.py).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from itsdangerous import BadSignature, URLSafeSerializer
from litestar import Controller, Request, Response, get, post
from litestar.params import FromPath, FromQuery

from backend.auth import public
from backend.dependencies import MailerDep, SettingsDep
from backend.links import SpaLinks
from backend.open311 import intake, mapping, render
from backend.open311.cors import cors_for_reads
from backend.open311.errors import answer_error
from backend.settings import Settings
from backend.uploads import photo_store
from contributions.actor import ANONYMOUS
from defects.schemas import ReportCreate
from defects.services import Group, apikeys, categories, filing
from defects.services.open311_feed import MAX_REQUESTS, changeset, public_requests, request_updates
from defects.tables import Report
from geo import clock
from geo import services as geo
from geo.clock import aware
from geo.errors import Invalid, NotFound
from geo.ids import is_row_id
from geo.tables import Municipality

DEFAULT_WINDOW = timedelta(days=90)
SPEC = "http://wiki.open311.org/GeoReport_v2"
FIRST_CHANGESET = datetime(2026, 11, 21, tzinfo=UTC)  # before categories recorded their changes


class BadRequest(Invalid):
    code = "open311-bad-request"


def _split(name: str) -> tuple[str, str]:
    """`requests.json` -> ("requests", "json"); an unknown format is a 400 in JSON."""
    stem, _, fmt = name.rpartition(".")
    if fmt not in {"json", "xml"} or not stem:
        raise BadRequest("Bitte .json oder .xml anhängen.", "Append .json or .xml.", field="format")
    return stem, fmt


async def _guarded(name: str, produce: Callable[[str], Awaitable[Response[bytes]]]) -> Response[bytes]:
    """Run a handler; whatever goes wrong is answered in the Open311 error format of the URL's format."""
    fmt = render.format_of(name)
    try:
        _, fmt = _split(name)
        return await produce(fmt)
    except Exception as error:  # every error becomes the spec's error list; 500s are logged
        return answer_error(fmt, error)


async def _jurisdiction(jurisdiction_id: str | None) -> Municipality:
    if not jurisdiction_id:
        raise BadRequest(
            "jurisdiction_id fehlt (der Kurzname der Kommune).",
            "jurisdiction_id is missing (the municipality's slug).",
            field="jurisdiction_id",
        )
    return await geo.get_municipality(jurisdiction_id)


def _date(value: str | None, field: str) -> datetime | None:
    if not value:
        return None
    try:
        # A date without a zone counts as UTC; one whose UTC time falls outside the calendar is no date.
        return aware(datetime.fromisoformat(value)).astimezone(UTC)
    except (ValueError, OverflowError):
        raise BadRequest("Datum im Format ISO 8601 erwartet.", "Expected an ISO 8601 date.", field=field) from None


def _window(start: datetime | None, end: datetime | None) -> tuple[datetime, datetime]:
    """The spec's default query window: 90 days, ending now unless told otherwise."""
    if start is None and end is None:
        end = clock.now()
    if start is None:
        assert end is not None
        start = clock.shifted(end, -DEFAULT_WINDOW)
    if end is None:
        end = clock.shifted(start, DEFAULT_WINDOW)
    return start, end


def _values(given: list[str] | None) -> list[str]:
    """A repeatable, comma-separated parameter: `status=open&status=closed` and `status=open,closed` alike."""
    return [v.strip() for value in given or [] for v in value.split(",") if v.strip()]


def _groups(given: list[str] | None) -> list[Group] | None:
    try:
        return [Group(v) for v in _values(given)] or None
    except ValueError:
        raise BadRequest("status ist open oder closed.", "status is open or closed.", field="status") from None


def _ids(given: list[str] | str) -> list[int]:
    try:
        ids = [int(v) for v in _values([given] if isinstance(given, str) else given)]
    except ValueError:
        raise BadRequest(
            "Ungültige service_request_id.", "Invalid service_request_id.", field="service_request_id"
        ) from None
    return [i for i in ids if is_row_id(i)]  # a larger one names nothing


def _tokens(settings: Settings) -> URLSafeSerializer:
    return URLSafeSerializer(settings.secret_key, salt="open311-token")


def token_for(settings: Settings, report_id: int) -> str:
    """The spec's `token` of a new request: the request's id, signed (nothing to store)."""
    return str(_tokens(settings).dumps(report_id))


def _notice(filed: filing.Filing, data: ReportCreate) -> str:
    if filed.needs_confirmation:
        return (
            "Bitte bestätigen Sie die Meldung über den Link in der E-Mail. / "
            "Please confirm the request with the link in the e-mail."
        )
    notice = "Die Meldung ist eingegangen. / The request has been received."
    if data.lat is None or data.lon is None:
        notice += " Den genauen Ort setzt die Verwaltung. / Staff will place it on the map."
    return notice


class Open311Controller(Controller):
    path = "/open311/v2"
    tags = ["open311"]
    guards = [public]  # reading is public; POST checks the municipality's API key (403 otherwise)
    middleware = [cors_for_reads]

    @get(
        "/{name:str}",
        operation_id="open311Index",
        include_in_schema=True,
        summary="discovery, services, requests or servicerequestupdates (.json or .xml)",
        description=(
            "`status`, `service_code` and `service_request_id` may be repeated or comma-separated. With the "
            "`api_key` that sent them, requests still waiting for confirmation or moderation are included, "
            "with a pending note. `servicerequestupdates` (FixMyStreet's extension) lists every public status "
            "change between start_date and end_date."
        ),
    )
    async def index(
        self,
        name: FromPath[str],
        settings: SettingsDep,
        jurisdiction_id: FromQuery[str | None] = None,
        service_request_id: FromQuery[list[str] | None] = None,
        service_code: FromQuery[list[str] | None] = None,
        start_date: FromQuery[str | None] = None,
        end_date: FromQuery[str | None] = None,
        status: FromQuery[list[str] | None] = None,
        api_key: FromQuery[str | None] = None,
    ) -> Response[bytes]:
        async def produce(fmt: str) -> Response[bytes]:
            stem, _ = _split(name)
            if stem == "discovery":
                return render.answer(fmt, "discovery", await self._discovery(settings.base_url))
            municipality = await _jurisdiction(jurisdiction_id)
            if stem == "services":
                rows = await categories.list_categories(municipality.id)
                return render.answer(fmt, "services", [mapping.service(r) for r in rows])
            start, end = _window(_date(start_date, "start_date"), _date(end_date, "end_date"))
            if stem == "servicerequestupdates":
                notes = await request_updates(municipality, start=start, end=end)
                return render.answer(fmt, "service_requests_updates", [mapping.request_update(n) for n in notes])
            if stem == "requests":
                own = await apikeys.find_key(municipality.id, api_key)
                if service_request_id:
                    items = await public_requests(
                        municipality, ids=_ids(service_request_id), own_key=own.key_id if own else None
                    )
                else:
                    items = await public_requests(
                        municipality,
                        service_codes=_values(service_code) or None,
                        groups=_groups(status),
                        start=start,
                        end=end,
                        limit=MAX_REQUESTS,
                        own_key=own.key_id if own else None,
                    )
                return render.answer(fmt, "service_requests", self._requests(items, municipality, settings.base_url))
            raise NotFound("Diesen Endpunkt gibt es nicht.", "There is no such endpoint.", field="path")

        return await _guarded(name, produce)

    @get(
        "/services/{name:str}",
        operation_id="open311ServiceDefinition",
        summary="A service definition: the category's extra questions as attributes",
    )
    async def service_definition(
        self, name: FromPath[str], jurisdiction_id: FromQuery[str | None] = None
    ) -> Response[bytes]:
        async def produce(fmt: str) -> Response[bytes]:
            code, _ = _split(name)
            municipality = await _jurisdiction(jurisdiction_id)
            category = await categories.get_category(municipality.id, code, field="service_code", include_retired=False)
            return render.answer(fmt, "service_definition", mapping.definition(category))

        return await _guarded(name, produce)

    @get(
        "/requests/{name:str}",
        operation_id="open311Request",
        summary="One service request (with the api_key that sent it: also while it waits)",
    )
    async def one_request(
        self,
        name: FromPath[str],
        settings: SettingsDep,
        jurisdiction_id: FromQuery[str | None] = None,
        api_key: FromQuery[str | None] = None,
    ) -> Response[bytes]:
        async def produce(fmt: str) -> Response[bytes]:
            stem, _ = _split(name)
            municipality = await _jurisdiction(jurisdiction_id)
            own = await apikeys.find_key(municipality.id, api_key)
            items = await public_requests(municipality, ids=_ids(stem), own_key=own.key_id if own else None)
            if not items:
                raise NotFound(
                    "Diese Meldung gibt es nicht.", "There is no such service request.", field="service_request_id"
                )
            return render.answer(fmt, "service_requests", self._requests(items, municipality, settings.base_url))

        return await _guarded(name, produce)

    @get(
        "/tokens/{name:str}",
        operation_id="open311Token",
        summary="The service_request_id behind a token returned by POST requests",
    )
    async def token(
        self, name: FromPath[str], settings: SettingsDep, jurisdiction_id: FromQuery[str | None] = None
    ) -> Response[bytes]:
        async def produce(fmt: str) -> Response[bytes]:
            token, _ = _split(name)
            municipality = await _jurisdiction(jurisdiction_id)
            try:
                report_id = int(_tokens(settings).loads(token))
            except (BadSignature, TypeError, ValueError):
                report_id = 0
            if not report_id or not await Report.exists().where(
                (Report.id == report_id) & (Report.municipality == municipality.id)
            ):
                raise NotFound("Diesen Token gibt es nicht.", "There is no such token.", field="token")
            return render.answer(fmt, "service_requests", [{"service_request_id": str(report_id), "token": token}])

        return await _guarded(name, produce)

    @post(
        "/{name:str}",
        operation_id="open311CreateRequest",
        status_code=201,
        summary="Create a service request (form-encoded, with api_key)",
        description=(
            "The place by lat/long, address_string or address_id; e-mail optional. With an e-mail the reporter "
            "confirms by the mailed link, unless the key belongs to a trusted partner. The answer carries the "
            "service_request_id and a token (GET tokens/{token}). Unknown attribute codes are ignored; all "
            "problems of the form are answered at once. Limited per key and per reporter address and hour (429)."
        ),
    )
    async def create_request(
        self, name: FromPath[str], request: Request[Any, Any, Any], settings: SettingsDep, mailer: MailerDep
    ) -> Response[bytes]:
        async def produce(fmt: str) -> Response[bytes]:
            stem, _ = _split(name)
            if stem != "requests":
                raise NotFound("Diesen Endpunkt gibt es nicht.", "There is no such endpoint.", field="path")
            form = await request.form()
            municipality = await _jurisdiction(
                form.get("jurisdiction_id") or request.query_params.get("jurisdiction_id")
            )
            source = await apikeys.check_key(municipality.id, form.get("api_key"))
            data = await intake.report_from_form(municipality, form)
            limits = apikeys.Limits(
                per_key=settings.open311_posts_per_key_per_hour,
                per_address=settings.open311_posts_per_address_per_hour,
            )
            await apikeys.check_limits(municipality.id, source, str(data.email or ""), limits)
            filed = await filing.file_report(
                municipality,
                ANONYMOUS,
                data,
                [],
                store=photo_store(settings),
                mailer=mailer,
                links=SpaLinks(settings.base_url),
                channel="open311",
                source=source,
            )
            answer = {
                "service_request_id": str(filed.report_id),
                "token": token_for(settings, filed.report_id),
                "service_notice": _notice(filed, data),
                "account_id": None,
            }
            return render.answer(fmt, "service_requests", [answer], status_code=201)

        return await _guarded(name, produce)

    @staticmethod
    async def _discovery(base_url: str) -> dict[str, Any]:
        # To the microsecond, always: two changes within a second still sort apart.
        changed = aware(await changeset(FIRST_CHANGESET)).astimezone(render.BERLIN).isoformat(timespec="microseconds")
        return {
            "changeset": changed,
            "contact": "Open311 of stadtstimme; jurisdiction_id is the municipality's slug.",
            "key_service": "API keys are issued by each municipality's administration.",
            "endpoints": [
                {
                    "specification": SPEC,
                    "url": base_url.rstrip("/") + "/open311/v2",
                    "changeset": changed,
                    "type": "production",
                    "formats": [render.JSON_TYPE, render.XML_TYPE],
                }
            ],
        }

    @staticmethod
    def _requests(items: list[Any], municipality: Municipality, base_url: str) -> list[dict[str, Any]]:
        return [mapping.service_request(i, municipality, base_url=base_url) for i in items]
