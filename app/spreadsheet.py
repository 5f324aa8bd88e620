"""Cells of the CSV files Promptly writes, safe to open in a spreadsheet (OWASP, CSV injection)."""

from __future__ import annotations

# A cell beginning with one of these is read as a formula by spreadsheet applications.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"


def safe_cell(text: str) -> str:
    """`text`, with a leading ' where a spreadsheet would otherwise run it as a formula."""
    return GUARD + text if text.startswith(FORMULA_STARTS) else text


def is_guarded(text: str) -> bool:
    """Text as `safe_cell` wrote it for a formula-like value (import keeps the ' and says so)."""
    return text.startswith(GUARD) and text[1:].startswith(FORMULA_STARTS)
