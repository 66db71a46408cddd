"""Spreadsheet cells that a spreadsheet program cannot run as formulas.

Contractors write the answers of request forms, editors write page titles, and
a CSV or XLSX export opened in Excel or WPS would run a cell that starts with
``=``, ``+``, ``-`` or ``@`` (or a tab, carriage return or NUL before one) as a
formula. Such a cell gets a leading apostrophe, as OWASP advises.

The rule itself lives in ``registry.spreadsheets`` (the registry's import and
export resources use it, and the registry imports nothing of ours). Wagtail's
``SpreadsheetExportMixin`` writes the admin's exports: the form submissions
listing, the admin reports (locked pages, workflows, site
history, ageing pages), redirects, and any listing with ``list_export``.
Wagtail has no hook for cell values, so ``neutralise_wagtail_exports`` wraps
the two methods every one of them writes its cells and headings through.
"""

from functools import wraps

from wagtail.admin.views.mixins import SpreadsheetExportMixin

# One rule for every export: the registry's resources use it too.
from registry.spreadsheets import FORMULA_STARTS, cell_neutralise

__all__ = ["FORMULA_STARTS", "cell_neutralise", "neutralise_wagtail_exports"]


def neutralise_wagtail_exports() -> None:
    """Neutralise every cell and heading Wagtail's admin exports write (once)."""
    mixin = SpreadsheetExportMixin
    if getattr(mixin, "cells_neutralised", False):
        return
    preprocess, heading = mixin.preprocess_field_value, mixin.get_heading

    @wraps(preprocess)
    def preprocess_field_value(self, field, value, export_format):
        value = preprocess(self, field, value, export_format)
        return cell_neutralise(value, export_format)

    @wraps(heading)
    def get_heading(self, queryset, field):
        return cell_neutralise(heading(self, queryset, field))

    mixin.preprocess_field_value = preprocess_field_value
    mixin.get_heading = get_heading
    mixin.cells_neutralised = True
