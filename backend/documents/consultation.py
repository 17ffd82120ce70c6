"""The council's results document of one consultation: data from `proposals`, charts and map drawn here."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from pathlib import Path
from typing import Any

from backend.documents.charts import bar_chart, column_chart
from backend.documents.labels import CONSULTATION
from backend.documents.parts import WORKERS, render_in_parts
from backend.documents.pdf import Cover
from geo import clock
from geo.boundaries import ATTRIBUTION
from geo.svg import municipality_map
from geo.territory import Territory


def context(
    results: Any, territory: Territory, *, lang: str, draft: bool, brand_color: str, cover: Cover = Cover()
) -> dict[str, Any]:
    """Everything the template needs; `results.proposals` may be a lazy iterator (streamed into the PDF)."""
    labels = CONSULTATION[lang]
    title_suffix = f" ({labels['draft'].split(' ')[0]})" if draft else ""
    return {
        "lang": lang,
        "title": f"{results.title}{title_suffix}",
        "subtitle": labels["document_kind"],
        "running_title": results.title[:60],
        "municipality_name": territory.name,
        "brand_color": brand_color,
        "generated_label": f"stadtstimme · {labels['generated']} {clock.now():%d.%m.%Y}",
        "generated_at": clock.now(),
        "draft": draft,
        "labels": labels,
        "attribution": ATTRIBUTION,
        "r": results,
        **cover.context(territory.name, lang),
        "charts": {
            "over_time": column_chart(
                [(row.label, row.proposals + row.comments + row.votes) for row in results.per_week],
                title=labels["over_time_table"],
                chart_id="chart-weeks",
            ),
            "by_district": bar_chart(
                [(row.district, row.proposals + row.comments + row.votes) for row in results.per_district],
                title=labels["by_district_table"],
                chart_id="chart-districts",
            ),
            "map": municipality_map(
                territory.boundary,
                [(d.name, d.geometry) for d in territory.districts],
                results.map_points,
                title=labels["map"],
                description=labels["map_note"],
            ),
        },
    }


CHUNK = 100  # proposals per part: ~70 pages, laid out in a worker process each
TOC = ("summary", "over_time", "by_district", "map", "ranking", "moderation", "method")
ANCHORS = {"over_time": "over-time", "by_district": "districts"}


async def _parts(proposals: AsyncIterator[Any], chunk: int) -> AsyncIterator[dict[str, Any]]:
    """The intro, the ranking in batches of `chunk` proposals (the first with the heading), the closing."""
    yield {"part": "intro"}
    batch: list[Any] = []
    first = True
    async for proposal in proposals:
        batch.append(proposal)
        if len(batch) == chunk:
            yield {"part": "ranking", "batch": batch, "first_batch": first}
            batch, first = [], False
    if batch or first:
        yield {"part": "ranking", "batch": batch, "first_batch": first}
    yield {"part": "closing"}


async def render(
    results: Any,
    territory: Territory,
    target: Path,
    *,
    lang: str = "de",
    draft: bool = False,
    brand_color: str = "#00577b",
    cover: Cover = Cover(),
    chunk: int = CHUNK,
    workers: int | None = None,
) -> int:
    """Write the results PDF; returns the number of pages. More than `chunk` proposals: laid out in parts by
    `workers` processes (default 2), else in one thread of this process."""
    data = context(results, territory, lang=lang, draft=draft, brand_color=brand_color, cover=cover)
    labels = data["labels"]

    def front(pages: Mapping[str, int]) -> dict[str, Any]:
        toc = [{"label": labels[key], "page": pages.get(ANCHORS.get(key, key), "")} for key in TOC]
        return {"part": "front", "toc": toc}

    if workers is None:
        workers = WORKERS if results.totals.proposals > chunk else 0
    return await render_in_parts(
        "consultation_results.html.j2",
        data,
        _parts(results.proposals, chunk),
        front,
        target,
        stamp_label=labels["page"],
        assets=cover.assets,
        workers=workers,
    )
