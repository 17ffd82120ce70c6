"""Several real HTTP clients writing votes and defect reports, retrying like a careful app, keeping score.

Each client is one logged-in resident on its own connections (no keep-alive, so the kernel spreads requests
over both workers). A client repeats one *logical write* until it is acknowledged: a 503 waits for
`Retry-After` (capped), a lost connection retries at once; a report keeps its `Idempotency-Key` across
retries, and a vote whose first answer was lost may come back as 409 "already voted", which acknowledges it.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx

from tests.defects.factories import pothole
from tests.factories import PASSWORD

CLIENT_TIMEOUT = 10.0  # a request without an answer by then counts as hanging
RETRY_AFTER_CAP = 0.5  # seconds: honour Retry-After, but keep the load up
GIVE_UP_AFTER = 40.0  # seconds of retrying one logical write


@dataclass
class Attempt:
    kind: str  # vote or report
    started: float
    seconds: float
    status: int | None  # None: no HTTP answer (connection refused, reset, timeout)
    error: str = ""
    problem_ok: bool = True  # for a 503: problem+json, German and English, Retry-After


@dataclass
class Score:
    attempts: list[Attempt] = field(default_factory=list)
    votes: set[tuple[str, int]] = field(default_factory=set)  # acknowledged (email, proposal id)
    reports: dict[str, int] = field(default_factory=dict)  # acknowledged description -> report id
    replayed: int = 0  # repeats answered from their Idempotency-Key: the first copy was stored, its answer lost
    abandoned: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)  # answers that contradict what happened

    def statuses(self) -> Counter[str]:
        return Counter(str(a.status) if a.status is not None else a.error for a in self.attempts)

    def between(self, start: float, end: float) -> list[Attempt]:
        return [a for a in self.attempts if start <= a.started < end]

    def summary(self) -> dict[str, Any]:
        answered = [a.seconds for a in self.attempts if a.status is not None]
        unavailable = [a.seconds for a in self.attempts if a.status == 503]
        return {
            "requests": len(self.attempts),
            "statuses": dict(self.statuses()),
            "acknowledged_votes": len(self.votes),
            "acknowledged_reports": len(self.reports),
            "p50_ms": round(statistics.median(answered) * 1000) if answered else None,
            "max_ms": round(max(answered) * 1000) if answered else None,
            "max_503_ms": round(max(unavailable) * 1000) if unavailable else None,
            "repeats_answered_from_key": self.replayed,
            "abandoned": len(self.abandoned),
        }


def _problem_ok(response: httpx.Response) -> bool:
    try:
        body = response.json()
    except json.JSONDecodeError:
        return False
    return (
        response.headers.get("content-type", "").startswith("application/problem+json")
        and body.get("status") == 503
        and bool(body.get("detail_de"))
        and bool(body.get("detail_en"))
        and response.headers.get("retry-after", "").isdigit()
    )


class Resident:
    """One resident's app: logs in, then votes and files reports until told to stop."""

    def __init__(self, base_url: str, slug: str, email: str, proposals: list[int], score: Score) -> None:
        self.email = email
        self.slug = slug
        self.proposals = list(proposals)
        self.score = score
        self.filed = 0
        self.client = httpx.AsyncClient(
            base_url=base_url,
            timeout=CLIENT_TIMEOUT,
            limits=httpx.Limits(max_keepalive_connections=0),
            headers={"accept-language": "en" if email.endswith(("1@example.org", "3@example.org")) else "de"},
        )

    async def login(self) -> None:
        await self.client.get("/api/health")
        response = await self.client.post(
            "/api/v1/auth/login",
            json={"email": self.email, "password": PASSWORD},
            headers={"x-csrftoken": self.client.cookies.get("csrftoken", "")},
        )
        response.raise_for_status()

    async def close(self) -> None:
        await self.client.aclose()

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            if self.proposals:
                await self.vote(self.proposals.pop(0))
            await self.file_report()

    async def _send(self, kind: str, method: str, path: str, **kwargs: Any) -> httpx.Response | None:
        started = time.monotonic()
        headers = {"x-csrftoken": self.client.cookies.get("csrftoken", ""), **kwargs.pop("headers", {})}
        try:
            response = await self.client.request(method, path, headers=headers, **kwargs)
        except httpx.TimeoutException as error:
            self.score.attempts.append(Attempt(kind, started, time.monotonic() - started, None, type(error).__name__))
            return None
        except httpx.TransportError as error:
            self.score.attempts.append(Attempt(kind, started, time.monotonic() - started, None, type(error).__name__))
            await asyncio.sleep(0.05)
            return None
        attempt = Attempt(kind, started, time.monotonic() - started, response.status_code)
        if response.status_code == 503:
            attempt.problem_ok = _problem_ok(response)
            wait = float(response.headers.get("retry-after", "1") or 1)
            self.score.attempts.append(attempt)
            await asyncio.sleep(min(wait, RETRY_AFTER_CAP))
            return response
        self.score.attempts.append(attempt)
        return response

    async def vote(self, proposal_id: int) -> None:
        path = f"/api/v1/municipalities/{self.slug}/proposals/{proposal_id}/vote"
        unclear = False  # an earlier attempt may have been stored although its answer never came
        deadline = time.monotonic() + GIVE_UP_AFTER
        while time.monotonic() < deadline:
            response = await self._send("vote", "POST", path, json={"value": 1})
            if response is None or response.status_code >= 500:
                unclear = True
                continue
            if response.status_code == 200 or (response.status_code == 409 and unclear):
                self.score.votes.add((self.email, proposal_id))
                return
            self.score.wrong.append(f"vote {proposal_id} by {self.email}: {response.status_code} {response.text[:200]}")
            return
        self.score.abandoned.append(f"vote {proposal_id} by {self.email}")

    async def file_report(self) -> None:
        self.filed += 1
        description = f"Lastprobe {self.email} Nr. {self.filed}: Schlagloch"
        form = [("report", (None, json.dumps(pothole(description=description, email=None, answers={"size": "small"}))))]
        key = str(uuid.uuid4())
        path = f"/api/v1/municipalities/{self.slug}/reports"
        deadline = time.monotonic() + GIVE_UP_AFTER
        while time.monotonic() < deadline:
            response = await self._send("report", "POST", path, files=form, headers={"idempotency-key": key})
            if response is None or response.status_code >= 500:
                continue
            if response.status_code == 201:
                self.score.reports[description] = int(response.json()["id"])
                self.score.replayed += response.headers.get("idempotent-replayed") == "true"
                return
            self.score.wrong.append(f"report {description}: {response.status_code} {response.text[:200]}")
            return
        self.score.abandoned.append(f"report {description}")


async def start_residents(base_url: str, seeded: dict[str, Any], score: Score, count: int) -> list[Resident]:
    """Log `count` residents in; they share the proposals, each taking every proposal in its own order."""
    proposals = list(seeded["proposals"])
    residents = []
    for index, email in enumerate(seeded["residents"][:count]):
        shift = index * len(proposals) // count
        residents.append(Resident(base_url, seeded["slug"], email, proposals[shift:] + proposals[:shift], score))
    await asyncio.gather(*(r.login() for r in residents))
    return residents


async def until(condition: Any, timeout: float, what: str) -> float:
    """Wait for `condition()`; returns the moment it held (time.monotonic)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout}s: {what}")
        await asyncio.sleep(0.02)
    return time.monotonic()


def acknowledged(score: Score) -> int:
    return len(score.votes) + len(score.reports)


FIGURES: list[str] = []  # shown in pytest's terminal summary (tests/faults/conftest.py), with or without -s


def record_figures(name: str, figures: dict[str, Any]) -> None:
    line = f"FAULTS {name}: {figures}"
    print(f"\n{line}")
    FIGURES.append(line)
