"""GeoReport v2 endpoints at /open311/v2/: discovery, services, service definitions and service requests.

Every answer exists as `.json` and `.xml`; `jurisdiction_id` is the municipality's slug. Errors follow
the spec (a list of {code, description}), not RFC 9457, because Open311 clients expect that shape.
Writes authenticate with the municipality's API key (CSRF does not apply: see CSRF_EXEMPT in app.py).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.exceptions import ValidationException
from litestar.params import FromPath, FromQuery
from pydantic import ValidationError

from backend.auth import public
from backend.dependencies import MailerDep, SettingsDep
from backend.links import SpaLinks
from backend.open311 import mapping, render
from backend.uploads import photo_store
from contributions.actor import ANONYMOUS
from defects.schemas import ReportCreate
from defects.services import Group, apikeys, categories, filing
from defects.services.open311_feed import MAX_REQUESTS, public_requests
from geo import clock
from geo import services as geo
from geo.clock import aware
from geo.errors import DomainError, Forbidden, Invalid, NotFound
from geo.ids import is_row_id
from geo.tables import Municipality

DEFAULT_WINDOW = timedelta(days=90)
SPEC = "http://wiki.open311.org/GeoReport_v2"


class BadRequest(Invalid):
    code = "open311-bad-request"


def _split(name: str) -> tuple[str, str]:
    """`requests.json` -> ("requests", "json"); an unknown format is a 400 in JSON."""
    stem, _, fmt = name.rpartition(".")
    if fmt not in {"json", "xml"} or not stem:
        raise BadRequest("Bitte .json oder .xml anhängen.", "Append .json or .xml.", field="format")
    return stem, fmt


def _status(error: DomainError) -> int:
    if isinstance(error, Forbidden):
        return 403
    if isinstance(error, NotFound):
        return 404
    return 400


async def _guarded(name: str, produce: Callable[[str], Awaitable[Response[bytes]]]) -> Response[bytes]:
    fmt = name.rpartition(".")[2] if name.endswith((".xml", ".json")) else "json"
    try:
        _, fmt = _split(name)
        return await produce(fmt)
    except DomainError as error:
        where = f" ({error.field})" if error.field else ""
        return render.errors(fmt, _status(error), f"{error.en}{where} / {error.de}")
    except ValidationException as error:
        return render.errors(fmt, 400, f"Invalid input: {error.extra}")


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


def _groups(value: str | None) -> list[Group] | None:
    if not value:
        return None
    try:
        return [Group(v.strip()) for v in value.split(",") if v.strip()]
    except ValueError:
        raise BadRequest("status ist open oder closed.", "status is open or closed.", field="status") from None


def _ids(value: str) -> list[int]:
    try:
        ids = [int(v) for v in value.split(",") if v.strip()]
        if not all(is_row_id(i) for i in ids):
            raise ValueError(value)
        return ids
    except ValueError:
        raise BadRequest(
            "Ungültige service_request_id.", "Invalid service_request_id.", field="service_request_id"
        ) from None


def _report_from_form(form: dict[str, Any]) -> ReportCreate:
    answers = {k[len("attribute[") : -1]: v for k, v in form.items() if k.startswith("attribute[") and k.endswith("]")}
    name = " ".join(p for p in (form.get("first_name"), form.get("last_name")) if p)
    try:
        return ReportCreate(
            category=form.get("service_code") or "",
            lat=form.get("lat"),
            lon=form.get("long"),
            address=form.get("address_string") or "",
            description=form.get("description") or "",
            answers=answers,
            email=form.get("email") or None,
            name=name,
            phone=form.get("phone") or "",
            locale="de",
        )
    except ValidationError as error:
        first = error.errors()[0]
        field = {"lon": "long", "address": "address_string", "category": "service_code"}.get(
            str(first["loc"][0]), str(first["loc"][0])
        )
        raise BadRequest(f"Bitte prüfen Sie: {field}.", f"{field}: {first['msg']}", field=field) from None


def _form_dict(form: Any) -> dict[str, Any]:
    """Single values; `attribute[x][]` style multi-values of multivaluelist attributes become lists."""
    out: dict[str, Any] = {}
    for key in form:
        values = form.getall(key)
        if key.endswith("[]"):
            out[key[:-2]] = values
        else:
            out[key] = values[-1]
    return out


class Open311Controller(Controller):
    path = "/open311/v2"
    tags = ["open311"]
    guards = [public]  # reading is public; POST checks the municipality's API key (403 otherwise)

    @get(
        "/{name:str}",
        operation_id="open311Index",
        include_in_schema=True,
        summary="discovery, services or requests (.json or .xml)",
    )
    async def index(
        self,
        name: FromPath[str],
        settings: SettingsDep,
        jurisdiction_id: FromQuery[str | None] = None,
        service_request_id: FromQuery[str | None] = None,
        service_code: FromQuery[str | None] = None,
        start_date: FromQuery[str | None] = None,
        end_date: FromQuery[str | None] = None,
        status: FromQuery[str | None] = None,
    ) -> Response[bytes]:
        async def produce(fmt: str) -> Response[bytes]:
            stem, _ = _split(name)
            if stem == "discovery":
                return render.answer(fmt, "discovery", self._discovery(settings.base_url))
            municipality = await _jurisdiction(jurisdiction_id)
            if stem == "services":
                rows = await categories.list_categories(municipality.id)
                return render.answer(fmt, "services", [mapping.service(r) for r in rows])
            if stem == "requests":
                if service_request_id:
                    items = await public_requests(municipality, ids=_ids(service_request_id))
                else:
                    start, end = _window(_date(start_date, "start_date"), _date(end_date, "end_date"))
                    items = await public_requests(
                        municipality,
                        service_codes=[c for c in (service_code or "").split(",") if c] or None,
                        groups=_groups(status),
                        start=start,
                        end=end,
                        limit=MAX_REQUESTS,
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
            category = await categories.get_category(municipality.id, code, field="service_code")
            return render.answer(fmt, "service_definition", mapping.definition(category))

        return await _guarded(name, produce)

    @get("/requests/{name:str}", operation_id="open311Request", summary="One service request")
    async def one_request(
        self, name: FromPath[str], settings: SettingsDep, jurisdiction_id: FromQuery[str | None] = None
    ) -> Response[bytes]:
        async def produce(fmt: str) -> Response[bytes]:
            stem, _ = _split(name)
            municipality = await _jurisdiction(jurisdiction_id)
            items = await public_requests(municipality, ids=_ids(stem))
            if not items:
                raise NotFound(
                    "Diese Meldung gibt es nicht.", "There is no such service request.", field="service_request_id"
                )
            return render.answer(fmt, "service_requests", self._requests(items, municipality, settings.base_url))

        return await _guarded(name, produce)

    @post(
        "/{name:str}",
        operation_id="open311CreateRequest",
        status_code=201,
        summary="Create a service request (form-encoded, with api_key); confirmed by e-mail like any report",
    )
    async def create_request(
        self, name: FromPath[str], request: Request[Any, Any, Any], settings: SettingsDep, mailer: MailerDep
    ) -> Response[bytes]:
        async def produce(fmt: str) -> Response[bytes]:
            stem, _ = _split(name)
            if stem != "requests":
                raise NotFound("Diesen Endpunkt gibt es nicht.", "There is no such endpoint.", field="path")
            form = _form_dict(await request.form())
            municipality = await _jurisdiction(
                form.get("jurisdiction_id") or request.query_params.get("jurisdiction_id")
            )
            await apikeys.check_key(municipality.id, form.get("api_key"))
            data = _report_from_form(form)
            result = await filing.file_report(
                municipality,
                ANONYMOUS,
                data,
                [],
                store=photo_store(settings),
                mailer=mailer,
                links=SpaLinks(settings.base_url),
                channel="open311",
            )
            notice = (
                "Bitte bestätigen Sie die Meldung über den Link in der E-Mail. / "
                "Please confirm the request with the link in the e-mail."
            )
            return render.answer(
                fmt,
                "service_requests",
                [{"service_request_id": str(result.report_id), "service_notice": notice, "account_id": None}],
                status_code=201,
            )

        return await _guarded(name, produce)

    @staticmethod
    def _discovery(base_url: str) -> dict[str, Any]:
        return {
            "changeset": "2026-11-21T00:00:00+01:00",
            "contact": "Open311 of stadtstimme; jurisdiction_id is the municipality's slug.",
            "key_service": "API keys are issued by each municipality's administration.",
            "endpoints": [
                {
                    "specification": SPEC,
                    "url": base_url.rstrip("/") + "/open311/v2",
                    "changeset": "2026-11-21T00:00:00+01:00",
                    "type": "production",
                    "formats": [render.JSON_TYPE, render.XML_TYPE],
                }
            ],
        }

    @staticmethod
    def _requests(items: list[Any], municipality: Municipality, base_url: str) -> list[dict[str, Any]]:
        return [
            mapping.service_request(
                i.report,
                i.category,
                municipality,
                base_url=base_url,
                last_note=i.last_note,
                agency=i.agency,
                photo_url=i.photo_url,
            )
            for i in items
        ]
