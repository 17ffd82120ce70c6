"""The council's results document of one consultation: data from `proposals`, charts and map drawn here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from backend.documents.charts import bar_chart, column_chart
from backend.documents.labels import CONSULTATION
from backend.documents.pdf import Cover, render_pdf
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


async def render(
    results: Any,
    territory: Territory,
    target: Path,
    *,
    lang: str = "de",
    draft: bool = False,
    brand_color: str = "#00577b",
    cover: Cover = Cover(),
) -> int:
    """Write the results PDF; returns the number of pages."""
    return await render_pdf(
        "consultation_results.html.j2",
        context(results, territory, lang=lang, draft=draft, brand_color=brand_color, cover=cover),
        target,
        assets=cover.assets,
    )
