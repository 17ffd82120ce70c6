"""Render a long document in parts, in parallel worker processes, and merge them into one tagged PDF.

WeasyPrint's cost grows faster than the page count (layout, tagging, pydyf's page lookups), and one process holds
the whole laid-out document. Here the request's process streams each part's HTML from the template (and the
database) while up to `workers` processes lay out the parts before; the front matter (cover, contents with page
numbers) is rendered last, when every heading's page is known, then the page numbers and the merge
(backend.documents.merge) follow. With `workers=0` the parts are laid out one after another in a thread of this
process (small documents, rendered while the person waits).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import shutil
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Any

from backend.documents.parts_model import Part
from backend.documents.pdf import environment

WORKERS = 2
FRONT_PAGES = 2  # the first guess (cover and contents); rendered again if the front matter comes out longer


@lru_cache(maxsize=1)
def _context() -> Any:
    """Workers fork from a server that imported WeasyPrint once (seconds), not from this process (its database
    connections and threads)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["backend.documents.layout", "backend.documents.merge"])
    return context


def _executor(workers: int) -> Executor:
    if workers <= 0:
        return ThreadPoolExecutor(max_workers=1, thread_name_prefix="document-layout")
    # A fresh fork (from the preloaded server: milliseconds) per part gives a laid-out part's memory back.
    return ProcessPoolExecutor(max_workers=workers, mp_context=_context(), max_tasks_per_child=1)


async def _write_html(template: str, context: Mapping[str, Any], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as html_file:
        async for chunk in environment().get_template(template).generate_async(**context):
            html_file.write(chunk)
    return path


async def render_in_parts(
    template: str,
    context: Mapping[str, Any],
    parts: AsyncIterator[Mapping[str, Any]],
    front: Callable[[Mapping[str, int]], Mapping[str, Any]],
    target: Path,
    *,
    stamp_label: str,
    assets: tuple[Path, ...] = (),
    workers: int = WORKERS,
) -> int:
    """Render `template` once per item of `parts` (added to `context`), then once with `front(pages)`, where
    `pages` maps every anchor to its page number (from 1) in the whole document; the front matter comes first.
    Writes the merged PDF to `target` and returns its number of pages."""
    from backend.documents.layout import layout_part, layout_stamp
    from backend.documents.merge import merge

    loop = asyncio.get_running_loop()
    folder = Path(tempfile.mkdtemp(prefix="stadtstimme-parts-"))
    executor = _executor(workers)

    def lay_out(function: Callable[..., Any], *args: Any) -> Awaitable[Any]:
        return loop.run_in_executor(executor, function, *args)

    try:
        pending = []
        index = 0
        async for extra in parts:
            index += 1
            html = await _write_html(template, {**context, **extra}, folder / f"part-{index}.html")
            pending.append(lay_out(layout_part, str(html), str(folder / f"part-{index}.pdf"), assets))
        body: list[Part] = list(await asyncio.gather(*pending))
        body_pages = sum(part.pages for part in body)
        front_pages = FRONT_PAGES
        while True:
            pages, first = {}, front_pages + 1
            for part in body:
                pages.update({name: first + page for name, page in part.anchors.items()})
                first += part.pages
            html = await _write_html(template, {**context, **front(pages)}, folder / f"front-{front_pages}.html")
            stamp = await _write_html(
                "stamp.html.j2",
                {"lang": context.get("lang", "de"), "label": stamp_label, "pages": front_pages + body_pages},
                folder / f"stamp-{front_pages}.html",
            )
            front_part, _ = await asyncio.gather(
                lay_out(layout_part, str(html), str(folder / "front.pdf"), assets),
                lay_out(layout_stamp, str(stamp), str(folder / "stamp.pdf")),
            )
            if front_part.pages == front_pages:
                break
            front_pages = front_part.pages
        return await lay_out(merge, [front_part, *body], folder / "stamp.pdf", target)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(folder, ignore_errors=True)
