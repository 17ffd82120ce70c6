"""A document never makes the server fetch anything, and titles reach the page headers literally, once.

Running headers take their text from elements (`string-set`), so no title can end a CSS string and inject
`url(…)`; and WeasyPrint's fetcher loads only the app's own files. Checked against a real HTTP server.
"""

import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from backend.documents.layout import LocalFilesOnly
from backend.documents.pdf import TEMPLATES, render_pdf
from tests.factories import logged_in
from tests.proposals.factories import admin_of, consultation


class _Recorder(BaseHTTPRequestHandler):
    seen: list[str] = []

    def do_GET(self) -> None:
        self.seen.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def listener() -> Iterator[tuple[int, list[str]]]:
    """A real HTTP server on loopback that records every request reaching it."""
    seen: list[str] = []
    handler = type("Recorder", (_Recorder,), {"seen": seen})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], seen
    server.shutdown()
    server.server_close()


def _probe(title: str, **extra: str) -> dict:
    return {
        "lang": "de",
        "title": title,
        "subtitle": title,
        "municipality_name": title,
        "running_title": title,
        "labels": {"page": "Seite"},
        "generated_label": title,
        "brand_color": "#00577b",
        "user_text": title,
        "chart": "",
        "second_page": "Zweite Seite",
        **extra,
    }


def _text(path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True, text=True, check=True).stdout


# The payload, and two that did reach the server before (one closes @top-right and @page, one the
# whole style block), with PORT standing for the listener's port.
ATTACKS = [
    '"\n} @page { background: url(http://127.0.0.1:PORT/issue) }',
    "x\n} } @page { background: url(http://127.0.0.1:PORT/page) } x {",
    "x\n}} html { background: url(http://127.0.0.1:PORT/html) } x {",
]


@pytest.mark.parametrize("attack", ATTACKS)
async def test_a_title_that_breaks_out_of_a_css_string_makes_the_server_fetch_nothing(tmp_path, listener, attack):
    port, seen = listener
    title = attack.replace("PORT", str(port))
    target = tmp_path / "attack.pdf"
    colour = f"red; background: url(http://127.0.0.1:{port}/colour)"
    assert await render_pdf("probe.html.j2", _probe(title, brand_color=colour), target) == 2
    assert seen == []
    assert f"url(http://127.0.0.1:{port}/" in _text(target)  # shown as the text it is


def test_the_document_fetcher_refuses_the_network_and_files_outside_the_apps_own(listener):
    port, seen = listener
    fetch = LocalFilesOnly()
    for url in (
        f"http://127.0.0.1:{port}/direct",
        f"https://127.0.0.1:{port}/direct",
        "file:///etc/passwd",
        f"file://{TEMPLATES}/../../settings.py",
        f"file://otherhost{TEMPLATES}/base.html.j2",
        "data:text/plain,hello",
    ):
        with pytest.raises(ValueError):
            fetch(url)
    assert seen == []
    response = fetch(f"file://{TEMPLATES}/base.html.j2")
    assert b"@page" in response.read()
    response.close()


async def test_a_title_with_html_characters_appears_once_and_literally_in_the_page_header(
    client, taunusstein, tmp_path
):
    title = 'Bürger & "Rat" <Test>'
    admin = await admin_of(taunusstein)
    cid = await consultation(taunusstein, admin, title=title)
    await logged_in(client, "admin@taunusstein.example")
    response = await client.get(f"/api/v1/municipalities/taunusstein/consultations/{cid}/results.pdf")
    assert response.status_code == 200, response.text
    path = tmp_path / "results.pdf"
    path.write_bytes(response.content)
    header = _text(path, "-f", "2", "-l", "2", "-x", "0", "-y", "0", "-W", "600", "-H", "60")
    assert header.count(title) == 1, header
    assert "&amp;" not in header and "&quot;" not in header and "&#34;" not in header and "&lt;" not in header
    assert "&amp;" not in _text(path)
