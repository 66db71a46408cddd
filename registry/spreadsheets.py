"""Spreadsheet cells that a spreadsheet program cannot run as formulas.

A CSV or XLSX opened in Excel or WPS runs a cell that starts with ``=``, ``+``,
``-`` or ``@`` (or a tab, carriage return or NUL before one) as a formula. Such
a cell gets a leading apostrophe, as OWASP advises; an import takes the
apostrophe off again, so an exported file imports unchanged.
"""

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")
XLSX = "xlsx"


def cell_neutralise(value, export_format: str = "csv"):
    """``value`` as a spreadsheet shows it as text; non-text values unchanged."""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_STARTS):
        value = "'" + value
    if export_format == XLSX:
        # openpyxl refuses control characters (NUL...) in a cell.
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def cell_restore(value: str) -> str:
    """An exported cell as it was before ``cell_neutralise`` guarded it."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value
