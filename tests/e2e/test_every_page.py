"""Every route of the SPA, as each role sees it, on a phone (390×844) and a desktop (1280×800).

The route table is read from frontend/js/main.js, so a new route cannot be forgotten: a route without sample
parameters in SAMPLES fails the test. The pages show the real Taunusstein demo (backend/demo.py), loaded once and
reused by every test of this module as long as no other test has emptied the database in between.

Each page fails on what a person would notice:
- visible text `null`, `undefined`, `NaN`, `[object …`;
- an image that failed to load; a horizontal scrollbar;
- a console error, a failed request or an answer ≥ 400, except the 401 of `/api/v1/me` for anonymous visitors
  and the answers a page exists to explain (an invalid token, a section the role may not open);
- a checkbox or radio button wider than 3 rem (48 px);
- an untranslated message key (i18n.js remembers keys without a text in `globalThis.missingMessageKeys`);
- a German plural error for 1 ("1 Kommentare", "1 Stunden" …);
- an axe-core (WCAG 2.1 AA) violation.

One browser context per role (6 tests, spread by xdist), one login per role, in-app navigation (the hash changes,
the document stays) and waits for conditions: the router's `main[data-view]:not([aria-busy])` and no fetch of the
app's own still open. Each page is opened once at 390×844 (the checks above and axe), then the window is widened
to 1280×800 and the checks run again (layout, overflow, images, text); axe is skipped for a document it already
scanned in this worker (the same "who this page is for" notice in each back-office section). All findings of a
test are listed together at its end.

It runs in `just test`'s PostgreSQL pass only (rendering does not depend on the engine). Run time of the whole file
with `-n 2` on PostgreSQL, on the shared 2-core machine (3 Dec 2026): at load average 2 (nobody else busy) each role
took 28-33 s for its 54 pages (~0.6 s a page at both sizes, axe included; demo load 6 s a worker); at load average
13-19, 455 s in pytest (489 s wall; 90-123 s a role, 66-70 s for the demo load), 106 s of CPU in all (pytest,
live server and chromium). The wall time follows the machine's load: the work itself is ~0.3 s of CPU a page.
Earlier (SQLite, load 23-27): 462 s wall; the first run of this shape (load 17-30) took 705 s and found two pages
that logged their expected 422 as a console error (fix-check and area-alert links with unknown tokens).

Found and fixed on main (2 Dec 2026): the report queue and the consultation answers page asked the API as
residents, moderators and council (403 + console error) instead of saying who the page is for.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.e2e.conftest import ROOT, VIEWPORTS, assert_accessible, login, open_app, run
from tests.support import database

# 54 pages with axe per role, plus the demo load on a worker's first test: more than the suite's 300 s on a busy
# machine.
pytestmark = pytest.mark.timeout(900)
# Rendering does not depend on the database engine: the walk runs once, in the PostgreSQL pass of `just test` (the
# production database); STADTSTIMME_EVERY_PAGE_SQLITE=1 runs it on SQLite by hand.
ONCE = pytest.mark.skipif(
    database.engine_name() != "postgres" and os.environ.get("STADTSTIMME_EVERY_PAGE_SQLITE") != "1",
    reason="every page is walked once, in the PostgreSQL pass (STADTSTIMME_TEST_ENGINE=postgres): it checks "
    "rendering, which does not depend on the database engine",
)

MAIN_JS = ROOT / "frontend" / "js" / "main.js"
SLUG = "taunusstein"

# The demo accounts of the README (demo only).
ROLES: dict[str, tuple[str, str] | None] = {
    "anonymous": None,
    "resident": ("anna@example.org", "demo-anna-2026"),
    "staff": ("bauhof@taunusstein.example", "demo-bauhof-2026"),
    "moderator": ("moderation@taunusstein.example", "demo-moderation-2026"),
    "admin": ("admin@taunusstein.example", "demo-admin-2026"),
    "council": ("rat@taunusstein.example", "demo-rat-2026"),
}


def route_table() -> list[str]:
    """The `path`s of `export const routes = [...]` in main.js, in order."""
    source = MAIN_JS.read_text(encoding="utf-8")
    block = re.search(r"export const routes = \[(.*?)\n\];", source, re.S)
    assert block, "main.js has no `export const routes = [...]`"
    return re.findall(r'path:\s*"([^"]+)"', block.group(1))


@dataclass
class Ids:
    """Real ids and fresh tokens of the demo database."""

    report: int
    consultation: int  # the running one (proposals, voting)
    finished_consultation: int  # with published results
    proposal: int
    verify_token: str
    reset_token: str
    invite_token: str
    unsubscribe_token: str
    open_survey: int = 0  # the demo's running survey (answering, staff entry)
    closed_survey: int = 0  # the demo's strategy survey, results published


# Every route pattern → the concrete paths to visit (a function of the ids).
SAMPLES: dict[str, Callable[[Ids], list[str]]] = {
    "/": lambda i: ["/"],
    "/login": lambda i: ["/login"],
    "/register": lambda i: ["/register"],
    "/check-mail": lambda i: ["/check-mail"],
    "/verify/:token": lambda i: [f"/verify/{i.verify_token}"],
    "/password-reset": lambda i: ["/password-reset"],
    "/password-reset/:token": lambda i: [f"/password-reset/{i.reset_token}"],
    "/account": lambda i: ["/account"],
    "/m/:slug": lambda i: [f"/m/{SLUG}"],
    "/m/:slug/reports": lambda i: [f"/m/{SLUG}/reports"],
    "/m/:slug/reports/new": lambda i: [f"/m/{SLUG}/reports/new"],
    "/m/:slug/reports/on-behalf": lambda i: [f"/m/{SLUG}/reports/on-behalf"],
    "/m/:slug/reports/queue": lambda i: [f"/m/{SLUG}/reports/queue"],
    "/m/:slug/reports/sent/:id": lambda i: [f"/m/{SLUG}/reports/sent/{i.report}"],
    # An unknown token: the page exists to say that the link did not work (a valid one confirms a report).
    "/m/:slug/reports/confirm/:token": lambda i: [f"/m/{SLUG}/reports/confirm/no-such-token-0123456789abcdef"],
    "/m/:slug/reports/:id": lambda i: [f"/m/{SLUG}/reports/{i.report}"],
    "/m/:slug/consultations": lambda i: [f"/m/{SLUG}/consultations"],
    "/m/:slug/consultations/new": lambda i: [f"/m/{SLUG}/consultations/new"],
    "/m/:slug/consultations/:id": lambda i: [
        f"/m/{SLUG}/consultations/{i.consultation}",
        f"/m/{SLUG}/consultations/{i.finished_consultation}",
    ],
    "/m/:slug/consultations/:id/new": lambda i: [f"/m/{SLUG}/consultations/{i.consultation}/new"],
    "/m/:slug/consultations/:id/edit": lambda i: [f"/m/{SLUG}/consultations/{i.consultation}/edit"],
    "/m/:slug/consultations/:id/answers": lambda i: [f"/m/{SLUG}/consultations/{i.consultation}/answers"],
    "/m/:slug/proposals/:id": lambda i: [f"/m/{SLUG}/proposals/{i.proposal}"],
    "/m/:slug/proposals/:id/edit": lambda i: [f"/m/{SLUG}/proposals/{i.proposal}/edit"],
    "/m/:slug/legal/:kind": lambda i: [
        f"/m/{SLUG}/legal/{kind}" for kind in ("impressum", "datenschutz", "barrierefreiheit", "nutzungsbedingungen")
    ],
    "/unsubscribe/:token": lambda i: [f"/unsubscribe/{i.unsubscribe_token}"],
    "/m/:slug/moderation": lambda i: [f"/m/{SLUG}/moderation"],
    "/m/:slug/admin": lambda i: [f"/m/{SLUG}/admin"],
    "/invite/:token": lambda i: [f"/invite/{i.invite_token}"],
    # An unknown token: a valid one changes an address once, and every role's visit would need its own.
    "/email-change/:token": lambda i: ["/email-change/no-such-token-0123456789abcdef"],
    # Unknown tokens again: the pages exist to say that a mailed link did not work.
    "/m/:slug/reports/:id/check/:token/:answer": lambda i: [
        f"/m/{SLUG}/reports/{i.report}/check/no-such-token-0123456789abcdef/nein"
    ],
    "/area-alerts/unsubscribe/:token": lambda i: ["/area-alerts/unsubscribe/no-such-token-0123456789abcdef"],
    "/m/:slug/surveys/:id": lambda i: [f"/m/{SLUG}/surveys/{i.open_survey}", f"/m/{SLUG}/surveys/{i.closed_survey}"],
    "/m/:slug/surveys/:id/paper": lambda i: [f"/m/{SLUG}/surveys/{i.open_survey}/paper"],
    "/m/:slug/admin/surveys/:id": lambda i: [f"/m/{SLUG}/admin/surveys/new"],
    # The published results of the demo's closed survey.
    "/m/:slug/surveys/:id/results": lambda i: [f"/m/{SLUG}/surveys/{i.closed_survey}/results"],
}
# A route whose only parameter is the municipality (e.g. each back-office section) needs no entry.
STATIC = re.compile(r"^(?:[^:]|:slug\b)*$")

# Answers a page exists to explain: (route pattern, API path regex, status).
EXPECTED_ANSWERS = [
    ("/m/:slug/reports/confirm/:token", r"/api/v1/municipalities/[^/]+/reports/confirm$", 422),
    ("/email-change/:token", r"/api/v1/auth/email-change/confirm$", 422),
    ("/m/:slug/reports/:id/check/:token/:answer", r"/api/v1/municipalities/[^/]+/reports/fix-check$", 422),
    ("/area-alerts/unsubscribe/:token", r"/api/v1/area-alerts/unsubscribe$", 422),
]
# What those pages then say (in German, the default language).
EXPECTED_TEXT = {
    "/m/:slug/reports/confirm/:token": "Das hat nicht geklappt",
    "/email-change/:token": "Der Link gilt nicht (mehr)",
}

# Counts a German "1" must not be followed by (the plural of a noun whose singular differs).
GERMAN_PLURALS = (
    "Unterstützungen|Kommentare|Stunden|Tage|Wochen|Monate|Jahre|Meldungen|Beiträge|Personen|Vorschläge|Stimmen|"
    "Minuten|Sekunden|Antworten|Mängel|Fotos|Bilder|Dateien|Verfahren|Kategorien|Abteilungen|Ortsteile|Mails|"
    "E-Mails|Nachrichten|Einträge|Treffer|Konten|Rollen|Regeln|Schlüssel|Zugriffe|Aufrufe|Teilnehmende|"
    "Gegenstimmen|Ergebnisse|Fragen|Seiten|Hinweise|Entwürfe|Änderungen|Unterstützer|Unterstützerinnen"
)

PAGE_CHECKS = """
(plurals) => {
  const found = [];
  const visible = (el) => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== "hidden";
  };
  const text = document.body.innerText;
  for (const [label, pattern] of [["null", /\\bnull\\b/], ["undefined", /\\bundefined\\b/], ["NaN", /\\bNaN\\b/],
                                  ["[object", /\\[object/]]) {
    const match = text.match(new RegExp(`.{0,40}${pattern.source}.{0,40}`));
    if (match) found.push(`visible text ${label}: "${match[0].trim()}"`);
  }
  const attributes = [...document.querySelectorAll("[aria-label], [placeholder], [title], img[alt]")]
    .flatMap((el) => ["aria-label", "placeholder", "title", "alt"].map((name) => el.getAttribute(name) || ""));
  for (const value of attributes) {
    if (/\\b(null|undefined|NaN)\\b|\\[object/.test(value)) found.push(`attribute text: "${value}"`);
  }
  for (const img of document.images) {
    if (img.complete && img.naturalWidth === 0 && img.getAttribute("src")) found.push(`broken image ${img.src}`);
  }
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) {
    const wide = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1 && visible(el))
      .slice(-1)
      .map((el) => `${el.tagName.toLowerCase()}${el.className ? "." + String(el.className).split(" ")[0] : ""}`);
    found.push(`horizontal scroll: ${root.scrollWidth}px > ${root.clientWidth}px (widest: ${wide.join(", ")})`);
  }
  for (const input of document.querySelectorAll("input[type=checkbox], input[type=radio]")) {
    const width = input.getBoundingClientRect().width;
    if (width > 48) found.push(`${input.type} ${input.name || input.id} is ${Math.round(width)}px wide`);
  }
  const keys = [...(globalThis.missingMessageKeys || [])];
  const everything = text + "\\n" + attributes.join("\\n") + "\\n" + document.title;
  for (const key of keys) {
    if (everything.includes(key)) found.push(`untranslated key ${key}`);
  }
  if (document.documentElement.lang === "de") {
    const plural = text.match(new RegExp(`(^|[^\\\\d.,])1 (${plurals})\\\\b`, "m"));
    if (plural) found.push(`German plural for 1: "${plural[0].trim()}"`);
  }
  return found;
}
"""

# Counts the app's own fetches that are still open (installed before any script of the page runs).
FETCH_COUNTER = """
(() => {
  window.openFetches = 0;
  const original = window.fetch;
  window.fetch = (...args) => {
    window.openFetches += 1;
    return original(...args).finally(() => { window.openFetches -= 1; });
  };
})();
"""

SETTLED = "() => window.openFetches === 0 && document.querySelector('main[data-view]:not([aria-busy])') !== null"


@dataclass
class Visit:
    """What one page did wrong (the current pattern decides which answers are expected)."""

    pattern: str = ""
    path: str = ""
    problems: list[str] = field(default_factory=list)


def _demo_fingerprint() -> tuple[int, int] | None:
    from piccolo.apps.user.tables import BaseUser

    from defects.tables import Report

    async def read() -> tuple[int, int] | None:
        admin = await BaseUser.select(BaseUser.id).where(BaseUser.email == "admin@taunusstein.example").first()
        if admin is None:
            return None
        return int(admin["id"]), await Report.count()

    return run(read())


_loaded: dict[str, Any] = {}


@pytest.fixture
def demo() -> None:
    """The Taunusstein demo in the database: loaded on a worker's first test of this module, and again only when
    another test emptied the database in between (this module's tests are consecutive in the collection, so
    xdist hands each worker a run of them)."""
    fingerprint = _demo_fingerprint()
    if fingerprint is not None and _loaded.get("fingerprint") == fingerprint:
        return
    from backend.demo import load_demo

    started = time.monotonic()
    run(database.empty_all_tables())
    assert run(load_demo(hashing="fast-insecure")) is not None
    _loaded["fingerprint"] = _demo_fingerprint()
    print(f"demo loaded in {time.monotonic() - started:.1f}s")


def _ids(settings: Any, role: str, viewport: str) -> Ids:
    from backend.accounts.services import INVITE, RESET, VERIFY, create_account, issue_token, user_id_by_email
    from contributions.notifications import unsubscribe_token
    from defects.tables import Report
    from proposals.tables import Consultation, Phase, Proposal
    from surveys.tables import Survey

    async def read() -> Ids:
        report = await Report.select(Report.id).where(Report.visibility == "public").order_by(Report.id).first()
        finished = await Phase.select(Phase.consultation).order_by(Phase.ends_at).first()
        running = await Phase.select(Phase.consultation).order_by(Phase.ends_at, ascending=False).first()
        first = await Consultation.select(Consultation.id).first()
        assert first is not None, "the demo has no consultation"
        consultation = running["consultation"] if running else first["id"]
        proposal = (
            await Proposal.select(Proposal.id)
            .where((Proposal.visibility == "public") & (Proposal.consultation == consultation))
            .order_by(Proposal.comment_count, ascending=False)
            .first()
        )
        email = f"neu-{role}-{viewport}@example.org"
        newcomer = await user_id_by_email(email) or await create_account(
            email, "ein-langes-passwort-2026", "Neu hier", verified=False, hashing="fast-insecure"
        )
        ben = await user_id_by_email("ben@example.org")
        assert report and proposal and ben
        surveys = {r["status"]: r["id"] for r in await Survey.select(Survey.id, Survey.status)}
        return Ids(
            open_survey=surveys.get("open", 1),
            closed_survey=surveys.get("results_published", 1),
            report=report["id"],
            consultation=consultation,
            finished_consultation=finished["consultation"] if finished else consultation,
            proposal=proposal["id"],
            verify_token=await issue_token(newcomer, VERIFY),
            reset_token=await issue_token(ben, RESET),
            invite_token=await issue_token(newcomer, INVITE),
            unsubscribe_token=unsubscribe_token(settings.secret_key, email=f"abbestellt-{role}@example.org"),
        )

    return run(read())


def test_every_route_has_sample_parameters() -> None:
    missing = [p for p in route_table() if p not in SAMPLES and not STATIC.match(p)]
    assert not missing, f"routes without sample parameters in SAMPLES: {missing}"
    stale = [p for p in SAMPLES if p not in route_table()]
    assert not stale, f"SAMPLES for routes main.js no longer has: {stale}"


def _expected(visit: Visit, url: str, status: int, role: str) -> bool:
    if status == 401 and url.split("?")[0].endswith("/api/v1/me") and role == "anonymous":
        return True
    return any(
        pattern == visit.pattern and re.search(api, url) and status == code for pattern, api, code in EXPECTED_ANSWERS
    )


def _watch(page: Page, visit: Visit, role: str) -> None:
    def on_response(response: Any) -> None:
        if response.status >= 400 and not _expected(visit, response.url, response.status, role):
            visit.problems.append(f"{response.status} from {response.request.method} {response.url}")

    def on_failed(request: Any) -> None:
        failure = request.failure or ""
        if "ERR_ABORTED" in failure and request.resource_type in ("fetch", "xhr"):
            return  # the router aborts a left view's requests
        visit.problems.append(f"request failed: {request.method} {request.url} ({failure})")

    def on_console(message: Any) -> None:
        if message.type != "error":
            return
        if message.text.startswith("Failed to load resource"):
            return  # the answer itself is judged in on_response
        visit.problems.append(f"console error: {message.text[:300]}")

    page.on("response", on_response)
    page.on("requestfailed", on_failed)
    page.on("console", on_console)


def _go(page: Page, path: str) -> None:
    """In-app navigation: change the hash and wait until the view rendered and its requests are answered."""
    page.evaluate(
        "(hash) => { if (location.hash !== hash) { delete document.getElementById('main').dataset.view;"
        " location.hash = hash; } }",
        f"#{path}",
    )
    page.wait_for_function(SETTLED)


# Pages already scanned by axe in this worker, by a hash of the document as rendered (the same "who this page is
# for" notice in every back-office section, the same legal page for two roles): scanning again finds nothing new.
_scanned: set[str] = set()
RENDERED = """() => {
  const text = document.body.outerHTML + "|" + window.innerWidth;
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(31, hash) + text.charCodeAt(i)) | 0;
  return `${text.length}:${hash}`;
}"""
LAID_OUT = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


def _check(page: Page, visit: Visit, pattern: str, label: str, *, axe: bool) -> None:
    visit.problems.extend(f"{label}: {problem}" for problem in page.evaluate(PAGE_CHECKS, GERMAN_PLURALS))
    expected_text = EXPECTED_TEXT.get(pattern)
    if expected_text and expected_text not in page.locator("main").inner_text():
        visit.problems.append(f"{label}: does not say {expected_text!r}")
    if not axe:
        return
    rendered = page.evaluate(RENDERED)
    if rendered in _scanned:
        return
    try:
        assert_accessible(page)
        _scanned.add(rendered)
    except AssertionError as error:
        visit.problems.append(f"{label}: " + str(error).split(":", 1)[-1].strip()[:1500])


@ONCE
@pytest.mark.parametrize("role", ROLES)
def test_every_page_as_a_person_sees_it(new_page, live_server, settings, demo, role):
    """Each page once per role: opened on the phone (cheap checks and axe), then the window widened to the
    desktop (cheap checks again: layout, overflow, images), then narrowed for the next page."""
    started = time.monotonic()
    ids = _ids(settings, role, "both")
    page = new_page(VIEWPORTS["phone"])
    page.context.add_init_script(FETCH_COUNTER)
    visit = Visit(pattern="/login", path="/login")
    _watch(page, visit, role)
    page.on("pageerror", lambda error: visit.problems.append(f"JavaScript error: {str(error)[:300]}"))
    account = ROLES[role]
    if account is None:
        open_app(page, live_server, "#/")
    else:
        login(page, live_server, *account)
    page.wait_for_function(SETTLED)

    findings: list[str] = []
    visited = 0
    for pattern in route_table():
        paths = SAMPLES[pattern](ids) if pattern in SAMPLES else [pattern.replace(":slug", SLUG)]
        for path in paths:
            visit.pattern, visit.path, visit.problems = pattern, path, []
            try:
                page.set_viewport_size(VIEWPORTS["phone"])
                _go(page, path)
                page.evaluate(LAID_OUT)
                _check(page, visit, pattern, "390", axe=True)
                page.set_viewport_size(VIEWPORTS["desktop"])
                page.evaluate(LAID_OUT)
                page.wait_for_function(SETTLED)  # a map that grew asks for the markers of its new extent
                _check(page, visit, pattern, "1280", axe=False)
            except Exception as error:  # a page that never settles is a finding too, the others still run
                visit.problems.append(f"did not settle: {str(error).splitlines()[0][:200]}")
            visited += 1
            findings.extend(f"{path} ({pattern}): {problem}" for problem in visit.problems)
    took = time.monotonic() - started
    print(f"{role}: {visited} pages at 390 and 1280 in {took:.1f}s ({1000 * took / visited:.0f} ms a page)")
    assert not findings, f"{len(findings)} finding(s) as {role}:\n" + "\n".join(findings)
