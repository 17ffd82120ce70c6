"""WeasyPrint's part of a document: lay the rendered HTML out as a PDF, loading only the app's own files.

A module of its own because WeasyPrint takes seconds to import; backend.documents.pdf loads it when it renders.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from backend.documents.parts_model import Bookmark, Part
from backend.documents.pdf import ASSET_ROOTS, TEMPLATES

log = logging.getLogger("backend.documents.pdf")


class LocalFilesOnly(URLFetcher):
    """WeasyPrint's fetcher for our documents: `file:` URLs under ASSET_ROOTS (and the files a document names in
    `assets`, e.g. the logo), and nothing else (no http(s), no data:, no other host). A refusal is logged and the
    resource left out; the document still renders."""

    def __init__(self, assets: tuple[Path, ...] = (), **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.roots = ASSET_ROOTS + assets

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        path = Path(url2pathname(parts.path)).resolve() if parts.scheme.lower() == "file" else None
        if (
            path is None
            or parts.netloc not in ("", "localhost")
            or not any(path.is_relative_to(root) for root in self.roots)
        ):
            log.warning("A document asked for %r; refused (documents load only the app's own files)", url[:200])
            raise ValueError("documents load only the app's own files")
        return super().fetch(path.as_uri(), headers)


def layout(html_path: Path, target: Path, assets: tuple[Path, ...] = ()) -> int:
    """WeasyPrint's layout is CPU-bound: it runs in a thread, away from the event loop."""
    try:
        document = HTML(filename=str(html_path), base_url=str(TEMPLATES), url_fetcher=LocalFilesOnly(assets)).render(
            pdf_variant="pdf/ua-1"
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        document.write_pdf(target, pdf_variant="pdf/ua-1")
        return len(document.pages)
    finally:
        html_path.unlink(missing_ok=True)


def layout_part(html_path: str, target: str, assets: tuple[Path, ...] = ()) -> Part:
    """One part of a document rendered in parts (run in a worker process): its page count, the page (from 0)
    of each anchor (`id`) and its bookmarks, for the contents and the outline of the merged document."""
    path = Path(html_path)
    try:
        document = HTML(filename=html_path, base_url=str(TEMPLATES), url_fetcher=LocalFilesOnly(assets)).render(
            pdf_variant="pdf/ua-1"
        )
        anchors = {name: index for index, page in enumerate(document.pages) for name in page.anchors}
        bookmarks = [
            Bookmark(level, label, index, y)
            for index, page in enumerate(document.pages)
            for level, label, (_, y), _ in page.bookmarks
        ]
        document.write_pdf(target, pdf_variant="pdf/ua-1")
        return Part(Path(target), len(document.pages), anchors, bookmarks)
    finally:
        path.unlink(missing_ok=True)


def layout_stamp(html_path: str, target: str) -> int:
    """The page numbers (blank pages with the number only): no tags here, the merge marks them as artifacts."""
    path = Path(html_path)
    try:
        document = HTML(filename=html_path, base_url=str(TEMPLATES), url_fetcher=LocalFilesOnly()).render()
        document.write_pdf(target)
        return len(document.pages)
    finally:
        path.unlink(missing_ok=True)
