"""The API keeps its contract under fuzzing: schemathesis against the committed openapi.yaml, in-process.

Every operation gets generated requests, valid and invalid ones, aimed at real rows of a small town (the
municipality, a running consultation with a proposal and a comment, a filed report) and at random ids, as an
anonymous visitor, a resident and an admin. A run fails on any 5xx and on any answer that openapi.yaml does not
describe (status code, content type, body). Generation is derandomized, so CI sees the same cases every run.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.python import asgi

from backend.cli import OPENAPI_FILE
from backend.settings import Settings
from geo.roles import Role
from tests.defects.factories import pothole, town_with_categories
from tests.factories import PASSWORD, person, taunusstein_with_districts
from tests.proposals.factories import admin_of, consultation, proposal
from tests.support import database

# The contract does not depend on the engine, and the three runs take three minutes of a worker: they run once,
# in the PostgreSQL pass (the production database); STADTSTIMME_FUZZ_SQLITE=1 runs them on SQLite by hand.
pytestmark = pytest.mark.skipif(
    database.engine_name() != "postgres" and os.environ.get("STADTSTIMME_FUZZ_SQLITE") != "1",
    reason="the contract fuzz runs once, in the PostgreSQL pass (STADTSTIMME_TEST_ENGINE=postgres)",
)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# Examples per operation and way of generating; STADTSTIMME_FUZZ_EXAMPLES raises it for a long run by hand.
EXAMPLES = int(os.environ.get("STADTSTIMME_FUZZ_EXAMPLES", "3"))
# Operations that may end the session they run in: the logged-in runs log in again after them.
SESSION_ENDERS = {"logout", "changePassword", "deleteMyAccount", "confirmPasswordReset"}
RESIDENT = "anna@example.org"
ADMIN = "admin@taunusstein.example"


@dataclass
class Run:
    """What one identity's run sent and what broke the contract."""

    cases: int = 0
    failures: dict[str, str] = field(default_factory=dict)  # one per operation, way and check

    def fail(self, key: str, text: str) -> None:
        self.failures.setdefault(key, text[:1500])


def csrf(client: asgi.ASGIClient) -> dict[str, str]:
    token = client.cookies.get("csrftoken")
    return {"x-csrftoken": token} if token else {}


def log_in(client: asgi.ASGIClient, email: str) -> None:
    response = client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD}, headers=csrf(client))
    assert response.status_code == 200, response.text


async def small_town() -> dict[str, Any]:
    """Real rows for the path parameters: generated requests reach the handlers, not only the 404 of a lookup."""
    municipality = await taunusstein_with_districts()
    await town_with_categories(municipality)
    admin = await admin_of(municipality, ADMIN)
    resident = await person(RESIDENT, roles=(Role.RESIDENT,), municipality=municipality)
    consultation_id = await consultation(municipality, admin)
    proposal_id = await proposal(municipality, consultation_id, resident)
    return {"slug": municipality.slug, "consultation_id": consultation_id, "proposal_id": proposal_id}


def seed_over_http(client: asgi.ASGIClient, ids: dict[str, Any]) -> None:
    """A comment and a report, filed as the resident through the API like the frontend does."""
    base = f"/api/v1/municipalities/{ids['slug']}"
    log_in(client, RESIDENT)
    comment = client.post(
        f"{base}/proposals/{ids['proposal_id']}/comments",
        json={"text": "Gute Idee, bitte mit Schatten."},
        headers=csrf(client),
    )
    assert comment.status_code == 201, comment.text
    ids["comment_id"] = comment.json()["id"]
    files = {"report": (None, json.dumps({k: v for k, v in pothole().items() if k not in ("email", "name", "phone")}))}
    report = client.post(f"{base}/reports", files=files, headers=csrf(client))
    assert report.status_code == 201, report.text
    ids["report_id"] = report.json()["id"]
    client.post("/api/v1/auth/logout", headers=csrf(client))


def fuzz_operation(run: Run, client: asgi.ASGIClient, operation: Any, pinned: dict[str, Any], relogin: Any) -> None:
    """Three ways per operation: valid and invalid requests on the real rows, and valid ones with any ids."""
    names = {p.name for p in operation.path_parameters}
    real = {name: value for name, value in pinned.items() if name in names}
    fuzz_way(run, client, operation, ("valid, real rows", GenerationMode.POSITIVE, real), relogin)
    fuzz_way(run, client, operation, ("invalid, real rows", GenerationMode.NEGATIVE, real), relogin)
    if len(real) > ("slug" in names):  # some id left to generate
        any_ids = {"slug": pinned["slug"]} if "slug" in names else {}
        fuzz_way(run, client, operation, ("valid, any ids", GenerationMode.POSITIVE, any_ids), relogin)


def fuzz_way(
    run: Run, client: asgi.ASGIClient, operation: Any, way: tuple[str, Any, dict[str, Any]], relogin: Any
) -> None:
    label, mode, path_parameters = way
    where = f"{operation.label} [{label}]"

    @given(case=operation.as_strategy(generation_mode=mode, path_parameters=path_parameters or None))
    @hypothesis_settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],  # report the first failing case; no time spent shrinking
        suppress_health_check=list(HealthCheck),
    )
    def check(case: Any) -> None:
        run.cases += 1
        response = case.call(session=client, headers=csrf(client))
        try:
            case.validate_response(response, checks=CHECKS)
        except (AssertionError, BaseExceptionGroup) as error:
            run.fail(f"{where} {type(error).__name__}", f"{where}: {error}")
        if operation.definition.raw.get("operationId") in SESSION_ENDERS:
            relogin()

    try:
        check()
    except Unsatisfiable:
        pass  # nothing to make invalid (no parameters, or only fixed ones)
    except Exception as error:
        run.fail(f"{where} error", f"{where}: {error!r}")


@pytest.mark.parametrize("identity", ["anonymous", "resident", "admin"])
async def test_every_operation_keeps_its_contract(db: None, settings: Settings, identity: str) -> None:
    from backend.app import create_app

    pinned = await small_town()
    app = create_app(settings)
    schema = schemathesis.openapi.from_path(OPENAPI_FILE)
    schema.app = app
    run = Run()
    started = time.monotonic()
    try:
        with asgi.get_client(app) as client:
            client.get("/api/health")  # the CSRF cookie, as the frontend gets it on load
            seed_over_http(client, pinned)
            email = {"resident": RESIDENT, "admin": ADMIN}.get(identity)

            def relogin() -> None:
                """A generated logout (or password change) ends the session; the next case has it again."""
                if email and client.get("/api/v1/me").status_code == 401:
                    log_in(client, email)

            relogin()
            for result in schema.get_all_operations():
                fuzz_operation(run, client, result.ok(), pinned, relogin)
    finally:
        asgi.shutdown_lifespans()
    seconds = time.monotonic() - started
    print(f"\nschemathesis as {identity}: {run.cases} cases in {seconds:.0f} s, {len(run.failures)} failures")
    if os.environ.get("STADTSTIMME_FUZZ_REPORT"):  # a file per identity, for reading a long run
        Path(f"{os.environ['STADTSTIMME_FUZZ_REPORT']}-{identity}.json").write_text(json.dumps(run.failures, indent=1))
    assert list(run.failures.values()) == [], "\n\n".join(run.failures.values())
