"""The Mängelmelder statistics of a period: counts by category, district and status, time to close, longest open."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from backend.documents.charts import bar_chart
from backend.documents.labels import DEFECTS
from backend.documents.pdf import Cover, render_pdf
from geo import clock


def context(
    statistics: Any, *, municipality_name: str, lang: str, brand_color: str, cover: Cover = Cover()
) -> dict[str, Any]:
    labels = DEFECTS[lang]
    return {
        "lang": lang,
        "title": f"{labels['title']} {statistics.starts_on:%d.%m.%Y} – {statistics.ends_on:%d.%m.%Y}",
        "subtitle": labels["document_kind"],
        "running_title": labels["document_kind"],
        "municipality_name": municipality_name,
        "brand_color": brand_color,
        "generated_label": f"stadtstimme · {labels['generated']} {clock.now():%d.%m.%Y}",
        "labels": labels,
        "s": statistics,
        **cover.context(municipality_name, lang),
        "charts": {
            "by_category": bar_chart(
                [(row.name, row.total) for row in statistics.by_category],
                title=labels["by_category"],
                chart_id="chart-categories",
            ),
            "by_district": bar_chart(
                [(row.name, row.total) for row in statistics.by_district],
                title=labels["by_district"],
                chart_id="chart-districts",
            ),
        },
    }


async def render(
    statistics: Any,
    target: Path,
    *,
    municipality_name: str,
    lang: str = "de",
    brand_color: str = "#00577b",
    cover: Cover = Cover(),
) -> int:
    return await render_pdf(
        "defects_period.html.j2",
        context(statistics, municipality_name=municipality_name, lang=lang, brand_color=brand_color, cover=cover),
        target,
        assets=cover.assets,
    )
