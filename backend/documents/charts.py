"""Small SVG charts for council documents. Each chart is shown next to a table with the same numbers,
so nothing is conveyed by the picture alone."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

STYLE = """
.bar { fill: #00577b; }
.label { font-family: sans-serif; font-size: 11px; fill: #1d1d1d; }
.value { font-family: sans-serif; font-size: 11px; font-weight: bold; fill: #1d1d1d; }
.axis { stroke: #7a8a99; stroke-width: 0.6; }
"""


def _open(width: float, height: float, title: str, chart_id: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{chart_id}" '
        f'width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}">'
        f'<title id="{chart_id}">{escape(title)}</title><style>{STYLE}</style>'
    )


def bar_chart(items: Sequence[tuple[str, int]], *, title: str, chart_id: str, width: float = 300) -> str:
    """Horizontal bars, one per (label, value), longest value = full width."""
    row, label_width = 19.0, 110.0
    height = max(row * len(items), row) + 6
    peak = max((value for _, value in items), default=0) or 1
    out = [_open(width, height, title, chart_id)]
    for index, (label, value) in enumerate(items):
        y = 3 + index * row
        length = (width - label_width - 45) * value / peak
        out.append(f'<text class="label" x="0" y="{y + 13:.1f}">{escape(label[:18])}</text>')
        out.append(f'<rect class="bar" x="{label_width}" y="{y + 2:.1f}" width="{length:.1f}" height="{row - 5:.1f}"/>')
        out.append(f'<text class="value" x="{label_width + length + 4:.1f}" y="{y + 13:.1f}">{value}</text>')
    out.append("</svg>")
    return "".join(out)


def column_chart(items: Sequence[tuple[str, int]], *, title: str, chart_id: str, width: float = 300) -> str:
    """Vertical columns over time (e.g. contributions per week), labels every few columns."""
    height, base = 130.0, 105.0
    peak = max((value for _, value in items), default=0) or 1
    step = width / max(len(items), 1)
    every = max(1, len(items) // 6)
    out = [_open(width, height, title, chart_id), f'<line class="axis" x1="0" y1="{base}" x2="{width}" y2="{base}"/>']
    for index, (label, value) in enumerate(items):
        bar = (base - 12) * value / peak
        x = index * step
        column = max(step - 2, 1)
        out.append(f'<rect class="bar" x="{x + 1:.1f}" y="{base - bar:.1f}" width="{column:.1f}" height="{bar:.1f}"/>')
        if index % every == 0:
            out.append(f'<text class="label" x="{x:.1f}" y="{base + 15:.1f}">{escape(label)}</text>')
    out.append("</svg>")
    return "".join(out)
