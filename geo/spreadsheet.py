"""Cells for files people open in a spreadsheet (CSV): text that a spreadsheet program would run as a formula
is neutralised once, here, for every CSV the platform writes.

OWASP "CSV Injection": a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is taken as a formula
by Excel, LibreOffice and Google Sheets (`=HYPERLINK(…)`, `+cmd|' /C calc'!A0`, `@SUM(…)`). A leading apostrophe
makes it plain text again; the csv module quotes the cell and doubles inner quotes. Only text is touched: numbers
that the platform itself writes (ids, counts, coordinates) stay numbers, negative ones too.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """The value as a CSV cell: None becomes empty, text that could start a formula gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
