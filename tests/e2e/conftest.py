"""Browser tests: the real app on a loopback port, driven through Debian's chromium by Playwright.

Fixtures and helpers for every `tests/e2e/test_*.py` (mark tests with `@pytest.mark.browser`):

- `live_server`: the app (uvicorn, own thread and event loop) on a free loopback port, session-wide; its mail goes
  to the loopback SMTP server (`mailbox`), its `base_url` is its own address, so mailed links open in the browser.
  `live_server.url` is e.g. "http://127.0.0.1:43121".
- `start_server(**settings_overrides)`: another live server with other settings (stopped after the test).
- `db`: (overrides the async one) an empty, migrated database, synchronously. Browser tests stay sync and use no
  async fixtures: Playwright's sync API marks an event loop as running in the main thread while tests/e2e runs.
- `taunusstein`: (sync) the municipality with its ten district polygons.
- `run(coro)`: run an async factory from a sync test, e.g. `run(person("anna@example.org"))` (in a helper
  thread: Playwright keeps a loop running in the main thread). Each loop has its own database connections
  (tests/support/pools.py), so these short-lived loops and the server's loop never share one.
- `page`: a fresh browser context and page per test (desktop 1280×800); `new_page(PHONE)` for other sizes.
  JavaScript errors on the page fail the test, and so does any Content-Security-Policy violation (the app's own
  CSP is on: `securitypolicyviolation` events and Chromium's console reports are both recorded). Give
  `page.wait_for_function` a function (`"() => …"`): Playwright evals a bare expression string, which the CSP
  refuses.
- `open_app(page, server, "#/login")`: load the app at a route and wait until the view has rendered;
  `wait_for_view(page, "/account")` after in-app navigation.
- `login(page, server, email, password)`: log in through the login form.
- `assert_accessible(page)`: axe-core (WCAG 2.0/2.1 A and AA) must find 0 violations; prints them readably.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from backend.piccolo_conf import DB
from tests.factories import PASSWORD
from tests.support import database, pools
from tests.support.live_server import LiveServer, serve
from tests.support.mailbox import SmtpServer

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Reports every CSP violation of a page to the test (installed before any script of the page runs).
CSP_REPORTER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile || document.location.href}:${event.lineNumber}`);
});
"""

T = TypeVar("T")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)


def run(coro: Coroutine[Any, Any, T]) -> T:
    """Run an async factory or service from a sync browser test.

    Playwright's sync API keeps an event loop marked as running in the main thread, so the coroutine runs
    in a short-lived loop of a helper thread.
    """

    async def closing() -> T:
        try:
            return await coro
        finally:
            await pools.close_this_loops_pool(DB)  # the loop ends here

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, closing()).result()


@pytest.fixture(scope="session")
def live_server(smtp: SmtpServer) -> Iterator[LiveServer]:
    server = serve(smtp)
    yield server
    server.stop()


@pytest.fixture
def start_server(smtp: SmtpServer) -> Iterator[Callable[..., LiveServer]]:
    started: list[LiveServer] = []

    def start(**overrides: Any) -> LiveServer:
        server = serve(smtp, **overrides)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def db() -> None:
    """An empty, migrated database for this test (sync twin of the suite-wide async fixture)."""
    run(database.empty_all_tables())


@pytest.fixture
def taunusstein(db: None) -> Any:
    from tests.factories import taunusstein_with_districts

    return run(taunusstein_with_districts())


# Package scope, not session: while Playwright's sync API is active it marks an event loop as running in the
# main thread, and every async test after it would fail. It stops when the last test of tests/e2e has run.
@pytest.fixture(scope="package")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="package")
def browser(playwright: Playwright) -> Iterator[Browser]:
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian's chromium is missing: run `just system-deps` (apt-get install chromium).")
    browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def csp_violations() -> list[str]:
    """What the app's Content-Security-Policy refused on this test's pages (must stay empty)."""
    return []


@pytest.fixture
def new_page(browser: Browser, csp_violations: list[str]) -> Iterator[Callable[..., Page]]:
    """Make a page in a fresh context (own cookies and storage): new_page(PHONE), new_page(DESKTOP, locale=...)."""
    contexts = []
    errors: list[str] = []

    def on_console(message: Any) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            csp_violations.append(message.text)

    def make(viewport: dict[str, int] = DESKTOP, **context_options: Any) -> Page:
        context = browser.new_context(viewport=viewport, **context_options)  # type: ignore[arg-type]
        context.set_default_timeout(10_000)
        context.expose_function("reportCspViolation", lambda text: csp_violations.append(text))
        context.add_init_script(CSP_REPORTER)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", on_console)
        return page

    yield make
    for context in contexts:
        context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"
    assert not csp_violations, "The Content-Security-Policy refused something:\n" + "\n".join(csp_violations)


@pytest.fixture
def page(new_page: Callable[..., Page], db: None) -> Page:
    return new_page(DESKTOP)


def wait_for_view(page: Page, route: str | None = None) -> None:
    """Wait until the router has rendered a view (the one for `route`, e.g. "/m/:slug", if given)."""
    selector = f'main[data-view="{route}"]:not([aria-busy])' if route else "main[data-view]:not([aria-busy])"
    page.wait_for_selector(selector, state="attached")


def open_app(page: Page, server: LiveServer, route: str = "#/", view: str | None = None) -> Page:
    """Load the app at a hash route and wait for the view to render (under the app's own CSP)."""
    response = page.goto(f"{server.url}/{route}")
    if response is not None:  # None: only the hash changed, the document (and its policy) stayed
        assert "script-src 'self'" in response.headers.get("content-security-policy", ""), "the CSP is off"
    page.wait_for_selector("body[data-ready]", state="attached")
    wait_for_view(page, view)
    return page


def login(page: Page, server: LiveServer, email: str, password: str = PASSWORD) -> None:
    open_app(page, server, "#/login", "/login")
    page.locator("form input[name=email]").fill(email)
    page.locator("form input[name=password]").fill(password)
    page.locator("form button[type=submit]").click()
    wait_for_view(page, "/account")


def _describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"][:8]:
            lines.append(f"    at {' '.join(node['target'])}: {node['html'][:160]}")
            summary = (node.get("failureSummary") or "").replace("\n", " | ")
            lines.append(f"       {summary[:300]}")
    return "\n".join(lines)


def assert_accessible(page: Page, context: str = "document") -> None:
    """axe-core must find no WCAG 2.1 A/AA violation on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, which the page's CSP does not govern: a <script> tag with
        # axe's code inline (add_script_tag) would rightly be refused by script-src 'self'.
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;true")
    result = page.evaluate(
        "([context, tags]) => axe.run(context === 'document' ? document : context,"
        " {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        [context, WCAG_TAGS],
    )
    violations = result["violations"]
    assert not violations, f"axe found {len(violations)} accessibility violation(s) on {page.url}:\n" + _describe(
        violations
    )


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot into test-artifacts/ (git-ignored) for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
