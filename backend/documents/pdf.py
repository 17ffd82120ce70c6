"""Render a jinja2 template to a tagged, accessible PDF (PDF/UA-1) with WeasyPrint.

The HTML is streamed from the template into a temporary file (jinja2's async generate), so the
template can iterate over batches fetched from the database without the whole text ever being one string.

No text of a user reaches CSS (running headers come from elements via `string-set`), and WeasyPrint fetches
nothing but our own files (`LocalFilesOnly`): a document can never make the server request an address.
"""

from __future__ import annotations

import asyncio
import logging
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

log = logging.getLogger(__name__)
TEMPLATES = Path(__file__).parent / "templates"
# What a document may load: its templates and the app's own style sheets. Nothing over the network.
ASSET_ROOTS = (TEMPLATES.resolve(), (Path(__file__).resolve().parents[2] / "frontend" / "css"))
DEFAULT_COLOUR = "#005a8c"
_HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")


@dataclass(frozen=True)
class Cover:
    """What the first page shows of the municipality: its logo file from the photo store (or none) and the name
    of its council."""

    logo: Path | None = None
    council_name: str = ""

    def context(self, municipality_name: str, lang: str) -> dict[str, Any]:
        alt = f"Logo {'von' if lang == 'de' else 'of'} {municipality_name}"
        return {"logo": self.logo.as_uri() if self.logo else "", "logo_alt": alt, "council_name": self.council_name}

    @property
    def assets(self) -> tuple[Path, ...]:
        return (self.logo.resolve(),) if self.logo else ()


def css_colour(value: object) -> str:
    """A colour for the style sheet: `#rgb` or `#rrggbb`, anything else becomes the default."""
    text = str(value or "")
    return text if _HEX_COLOUR.fullmatch(text) else DEFAULT_COLOUR


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
    env.filters["css_color"] = css_colour
    env.filters["svg"] = Markup  # only for SVG our own code built with escaped text
    return env


async def render_pdf(template: str, context: Mapping[str, Any], target: Path, *, assets: tuple[Path, ...] = ()) -> int:
    """Write the PDF to `target`; returns its number of pages. The context may hold async iterators; `assets` are
    files outside the app's own the document may load (the municipality's logo)."""
    env = environment()
    with tempfile.NamedTemporaryFile("w", suffix=".html", encoding="utf-8", delete=False) as html_file:
        async for chunk in env.get_template(template).generate_async(**context):
            html_file.write(chunk)
    # WeasyPrint (with fontTools and its cffi bindings) takes seconds to import: only the code that lays out a
    # PDF loads it, not every worker that starts the app.
    from backend.documents.layout import layout

    return await asyncio.to_thread(layout, Path(html_file.name), target, assets)
