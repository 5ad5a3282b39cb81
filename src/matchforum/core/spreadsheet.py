"""Cells safe to open in a spreadsheet: no user text is ever read as a formula.

OWASP's CSV-injection guidance: a text cell that starts with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return is prefixed with a single quote, so Excel, LibreOffice and
Google Sheets show it as text. Numbers, dates and ``None`` are left as they are.
"""

from __future__ import annotations

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """The value, with a text value that a spreadsheet would evaluate made inert."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_row(row: list[object]) -> list[object]:
    """Every cell of the row passed through `safe_cell`."""
    return [safe_cell(value) for value in row]
