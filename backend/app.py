"""create_app(): every controller, guard, middleware and startup hook of stadtstimme, in one screen."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

from litestar import HttpMethod, Litestar, MediaType, Request, get, route
from litestar.config.compression import CompressionConfig
from litestar.config.csrf import CSRFConfig
from litestar.datastructures import CacheControlHeader, State
from litestar.di import Provide
from litestar.logging import LoggingConfig
from litestar.middleware.rate_limit import RateLimitConfig
from litestar.openapi import OpenAPIConfig
from litestar.openapi.spec import Contact, License
from litestar.plugins.problem_details import ProblemDetailsPlugin
from litestar.response import File
from litestar.static_files import create_static_files_router
from litestar.stores.base import Store
from litestar.stores.memory import MemoryStore

from backend.accounts.passwords import dummy_hash
from backend.api_docs import render_plugins, swagger_ui_files
from backend.auth import POLICY, SessionPolicy, provide_account, provide_actor, provide_municipality, public
from backend.contract import document
from backend.controllers.accounts import AuthController, MeController
from backend.controllers.addresses import AddressAdminController, AddressController
from backend.controllers.config import ConfigController
from backend.controllers.consultations import ConsultationController
from backend.controllers.defects import DefectController
from backend.controllers.defects_admin import DefectAdminController
from backend.controllers.defects_casework import DefectCaseworkController
from backend.controllers.defects_resident import AreaAlertUnsubscribeController, DefectResidentController
from backend.controllers.defects_staff import DefectStaffController
from backend.controllers.documents import DocumentController
from backend.controllers.health import HealthController
from backend.controllers.legal import LegalController
from backend.controllers.mail_admin import OutboxController, ReplyTemplateController
from backend.controllers.moderation import FlagController, ModerationController
from backend.controllers.moderation_admin import ModerationAdminController, TransparencyController
from backend.controllers.municipalities import MunicipalityController
from backend.controllers.notifications import NotificationController, UnsubscribeController
from backend.controllers.onboarding import OnboardingController
from backend.controllers.people import InvitationController, PeopleController
from backend.controllers.photos import PhotoController
from backend.controllers.profile import LogoController, ProfileController
from backend.controllers.proposals import CommentController, ProposalController
from backend.controllers.statistics import StatisticsController
from backend.controllers.survey_results import SurveyResultsController
from backend.controllers.survey_themes import SurveyThemeController
from backend.controllers.surveys import SurveyController
from backend.database import prepare, release
from backend.documents.jobs import run_jobs
from backend.documents.kinds import register_builders
from backend.errors import problem_details_config
from backend.inputs import check_inputs
from backend.links import SpaLinks
from backend.mail.outbox import Outbox
from backend.mail.sender import run_sender
from backend.open311.controller import Open311Controller
from backend.open311.errors import Open311ErrorsPlugin
from backend.request_versions import request_versions
from backend.schedule.jobs import scheduled_jobs
from backend.schedule.loop import Scheduler
from backend.search_limit import address_search_limit, is_address_search
from backend.security_headers import security_headers
from backend.sessions import LazySessionConfig
from backend.settings import PROJECT_ROOT, Settings, get_settings
from backend.wiring import content_registry
from defects.services.map_and_list import share_cache_through
from geo.tables import Municipality
from surveys import keys as survey_keys

API_VERSION = "0.1.0"
REDIS_WAIT_SECONDS = 5  # longer than any request holds a connection; then the 503 of backend/errors.py
FRONTEND = PROJECT_ROOT / "frontend"
VENDOR = FRONTEND / "node_modules"
FRONTEND_FOLDERS = ("js", "css", "images")  # served as they are; add a folder here for fonts or locales
# Writes from other programs that authenticate with an API key, not a session cookie.
CSRF_EXEMPT = ["/open311"]
SHUTDOWN_GRACE_SECONDS = 10
RATE_LIMITED = (
    "/api/v1/auth/login",
    "/api/v1/auth/register",
    "/api/v1/auth/password-reset",
    "/api/v1/auth/invitation",
)

CONTROLLERS: list[Any] = [
    HealthController,
    ConfigController,
    AuthController,
    MeController,
    MunicipalityController,
    ProfileController,
    LogoController,
    AddressController,
    AddressAdminController,
    DefectController,
    DefectStaffController,
    DefectCaseworkController,
    DefectAdminController,
    DefectResidentController,
    AreaAlertUnsubscribeController,
    Open311Controller,
    ConsultationController,
    ProposalController,
    CommentController,
    PhotoController,
    NotificationController,
    UnsubscribeController,
    ModerationController,
    ModerationAdminController,
    TransparencyController,
    DocumentController,
    SurveyResultsController,
    SurveyThemeController,
    FlagController,
    LegalController,
    PeopleController,
    InvitationController,
    OutboxController,
    ReplyTemplateController,
    StatisticsController,
    OnboardingController,
    SurveyController,
]


def _stores(settings: Settings) -> dict[str, Store]:
    if settings.redis_url:
        # Imported here: redis costs ~60 ms at start-up, and only a deployment with REDIS_URL uses it.
        from litestar.stores.redis import RedisStore
        from redis.asyncio import BlockingConnectionPool, Redis

        # Blocking: under load a request waits for a free connection; redis-py's default pool raised
        # MaxConnectionsError instead, which residents saw as HTTP 500 on their vote.
        pool = BlockingConnectionPool.from_url(
            settings.redis_url, max_connections=settings.redis_max_connections, timeout=REDIS_WAIT_SECONDS
        )
        client = Redis(connection_pool=pool)
        root = RedisStore(client, handle_client_shutdown=True).with_namespace(settings.redis_namespace)
        map_cache = root.with_namespace("map_cache")
        share_cache_through(map_cache if settings.map_cache else None, enabled=settings.map_cache)
        return {"sessions": root.with_namespace("sessions"), "rate_limit": root.with_namespace("rate_limit")}
    share_cache_through(None, enabled=settings.map_cache)
    return {"sessions": MemoryStore(), "rate_limit": MemoryStore()}


def _rate_limited(method: str, path: str) -> bool:
    if method != "POST":
        return False
    # Anonymous defect reports mail a confirmation link: limited like registration, against mail bombing.
    # Survey e-mail codes likewise (and each code allows only five guesses).
    mails = path.endswith(("/reports", "/email-code"))
    return path.startswith(RATE_LIMITED) or (path.startswith("/api/v1/municipalities/") and mails)


async def _is_rate_limited(request: Request[Any, Any, Any]) -> bool:
    """Async on purpose: Litestar runs a sync throttle check in a thread pool, on every request."""
    return _rate_limited(request.method, request.url.path)


@get("/vendor/leaflet/LICENSE.txt", guards=[public], include_in_schema=False, media_type=MediaType.TEXT)
async def leaflet_licence() -> File:
    """Leaflet's BSD-2-Clause licence travels with the Leaflet code we serve."""
    return File(VENDOR / "leaflet" / "LICENSE", content_disposition_type="inline", media_type=MediaType.TEXT)


GEOMAN = VENDOR / "@geoman-io" / "leaflet-geoman-free"
# Pinned npm files change only with an upgrade: a day in the browser's cache, then revalidated by ETag.
VENDOR_CACHE = CacheControlHeader(public=True, max_age=86400)


@get("/vendor/geoman/LICENSE.txt", guards=[public], include_in_schema=False, media_type=MediaType.TEXT)
async def geoman_licence() -> File:
    """Leaflet-Geoman's MIT licence travels with its code (the district editor draws with it)."""
    return File(GEOMAN / "LICENSE", content_disposition_type="inline", media_type=MediaType.TEXT)


@route(
    "/",
    http_method=[HttpMethod.GET, HttpMethod.HEAD],
    guards=[public],
    include_in_schema=False,
    media_type=MediaType.HTML,
)
async def spa_index() -> File:
    """The single-page app's frame; its routes live in the URL's hash, so no other HTML path is needed."""
    return File(FRONTEND / "index.html", content_disposition_type="inline", media_type=MediaType.HTML)


def _static_routes() -> list[Any]:
    """Only what the browser loads: the frame, our js/ and css/, and the vendor files the app uses.
    The rest of frontend/ (package.json, node_modules/, tests/, the lint config) is not served."""
    return [
        spa_index,
        leaflet_licence,
        geoman_licence,
        create_static_files_router(
            path="/vendor/leaflet",
            directories=[VENDOR / "leaflet" / "dist"],
            name="leaflet",
            guards=[public],
            cache_control=VENDOR_CACHE,
        ),
        create_static_files_router(
            path="/vendor/geoman",
            directories=[GEOMAN / "dist"],
            name="geoman",
            guards=[public],
            cache_control=VENDOR_CACHE,
        ),
        *swagger_ui_files(),
        *(
            create_static_files_router(path=f"/{folder}", directories=[FRONTEND / folder], name=folder, guards=[public])
            for folder in FRONTEND_FOLDERS
        ),
    ]


def _openapi() -> OpenAPIConfig:
    return OpenAPIConfig(
        title="stadtstimme API",
        version=API_VERSION,
        description="Citizen participation and defect reporting for German municipalities.",
        contact=Contact(name="stadtstimme"),
        license=License(name="AGPL-3.0-or-later", identifier="AGPL-3.0-or-later"),
        path="/schema",
        render_plugins=render_plugins(),
    )


def create_app(settings: Settings | None = None) -> Litestar:
    settings = settings or get_settings()
    outbox = Outbox()
    register_builders()  # the PDF kinds (the worker subprocess registers them in its own entry point)
    dummy_hash(settings.password_hashing)  # made now: even the first login with an unknown address costs one hash
    links = SpaLinks(settings.base_url)
    registry = content_registry()
    registry.install()
    survey_keys.use_secret(settings.secret_key)  # the answered marks are keyed with the installation's secret
    sessions = SessionPolicy(settings.session_max_age_seconds, settings.session_idle_timeout_seconds)

    @asynccontextmanager
    async def background_work(_: Litestar) -> AsyncIterator[None]:
        """Per worker: deliver queued mail, render queued document PDFs in subprocesses, and run the scheduled
        jobs this worker wins the lease of (SCHEDULER_ENABLED; off in tests unless a test switches it on)."""
        await prepare(Municipality._meta.db, settings.database_pool_size)
        # An Event belongs to the loop that first waits on it; a lifespan may run again on another loop (the tests
        # serve one app per worker to test after test).
        outbox.wake = asyncio.Event()
        stop = asyncio.Event()
        tasks = [
            asyncio.create_task(run_sender(settings, outbox.wake, stop)),
            asyncio.create_task(run_jobs(stop)),
        ]
        if settings.scheduler_enabled:
            scheduler = Scheduler(
                scheduled_jobs(settings, outbox),
                lease_for=timedelta(seconds=settings.scheduler_lease_seconds),
                poll_seconds=settings.scheduler_poll_seconds,
            )
            tasks.append(asyncio.create_task(scheduler.run(stop)))
        try:
            yield
        finally:
            # Ask the loops to finish their current step; cancel only what is still busy after a grace period.
            stop.set()
            outbox.wake.set()
            _done, busy = await asyncio.wait(tasks, timeout=SHUTDOWN_GRACE_SECONDS)
            for task in busy:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            await release(Municipality._meta.db)

    app = Litestar(
        route_handlers=[*CONTROLLERS, *_static_routes()],
        dependencies={
            "settings": Provide(lambda: settings, use_cache=True, sync_to_thread=False),
            "mailer": Provide(lambda: outbox, use_cache=True, sync_to_thread=False),
            "links": Provide(lambda: links, use_cache=True, sync_to_thread=False),
            "registry": Provide(lambda: registry, use_cache=True, sync_to_thread=False),
            "account": Provide(provide_account),
            "municipality": Provide(provide_municipality),
            "actor": Provide(provide_actor),
        },
        middleware=[
            request_versions,
            LazySessionConfig(
                store="sessions",
                max_age=settings.session_max_age_seconds,
                expires_in=sessions.expires_in,
                secure=settings.secure_cookies,
                httponly=True,
                samesite="lax",
            ).middleware,
            RateLimitConfig(
                rate_limit=("minute", settings.rate_limit_per_minute),
                check_throttle_handler=_is_rate_limited,
            ).middleware,
            address_search_limit(settings.address_search_per_minute),
        ],
        before_request=check_inputs,
        csrf_config=CSRFConfig(secret=settings.secret_key, cookie_secure=settings.secure_cookies, exclude=CSRF_EXEMPT),
        stores=_stores(settings),
        state=State({POLICY: sessions}),
        plugins=[ProblemDetailsPlugin(problem_details_config()), Open311ErrorsPlugin()],  # Open311's after
        before_send=[security_headers(settings)],
        openapi_config=_openapi(),
        lifespan=[background_work],
        logging_config=LoggingConfig(root={"level": settings.log_level, "handlers": ["queue_listener"]}),
        request_max_body_size=40 * 1024 * 1024,
        compression_config=CompressionConfig(
            backend="gzip", minimum_size=1024, gzip_compress_level=6
        ),  # level 9 costs CPU on every answer for a few per cent of bytes
    )
    document(
        app, lambda method, path: _rate_limited(method, path) or is_address_search(method, path)
    )  # the error answers and file formats of every operation, in openapi.yaml
    return app
