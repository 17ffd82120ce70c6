"""Render a jinja2 template to a tagged, accessible PDF (PDF/UA-1) with WeasyPrint.

The HTML is streamed from the template into a temporary file (jinja2's async generate), so the
template can iterate over batches fetched from the database without the whole text ever being one string.
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Mapping
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from weasyprint import HTML

TEMPLATES = Path(__file__).parent / "templates"


def german_number(value: float | int, decimals: int = 0) -> str:
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\u202f").replace(".", ",")  # narrow no-break space groups thousands


def german_date(value: date | datetime | None) -> str:
    return "" if value is None else f"{value:%d.%m.%Y}"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html", "j2"]), enable_async=True
    )
    env.filters["number"] = german_number
    env.filters["date_de"] = german_date
    env.filters["svg"] = Markup  # only for SVG our own code built with escaped text
    return env


async def render_pdf(template: str, context: Mapping[str, Any], target: Path) -> int:
    """Write the PDF to `target`; returns its number of pages. The context may hold async iterators."""
    env = environment()
    with tempfile.NamedTemporaryFile("w", suffix=".html", encoding="utf-8", delete=False) as html_file:
        async for chunk in env.get_template(template).generate_async(**context):
            html_file.write(chunk)
    return await asyncio.to_thread(_layout, Path(html_file.name), target)


def _layout(html_path: Path, target: Path) -> int:
    """WeasyPrint's layout is CPU-bound: it runs in a thread, away from the event loop."""
    try:
        document = HTML(filename=str(html_path), base_url=str(TEMPLATES)).render(pdf_variant="pdf/ua-1")
        target.parent.mkdir(parents=True, exist_ok=True)
        document.write_pdf(target, pdf_variant="pdf/ua-1")
        return len(document.pages)
    finally:
        html_path.unlink(missing_ok=True)
