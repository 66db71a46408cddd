"""Cell readers and writers of the registry's resources.

Each ``clean`` raises ``ValueError`` with a translated message, which the
resource turns into that row's error on that column; each ``render`` writes
text a spreadsheet cannot run as a formula.
"""

import datetime

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from import_export.widgets import ManyToManyWidget, Widget

from ..spreadsheets import cell_neutralise, cell_restore

FORMULA_REFUSED = _(
    "“%(value)s” is a formula; enter the value itself (save the sheet with "
    "values, not formulas)."
)
DATE_INVALID = _("“%(value)s” is not a date; write it as 2025-03-01.")
CHOICE_INVALID = _("“%(value)s” is not one of: %(choices)s.")
NUMBER_INVALID = _("“%(value)s” is not a whole number.")
CODE_UNKNOWN = _("No %(model)s has the code “%(value)s”.")
CONTRACT_UNKNOWN = _("The company has no contract numbered “%(value)s”.")
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日")
SEPARATORS = (",", "，", ";", "；", "、")
LANGUAGES = ("zh-hans", "en")


def cell_text(value) -> str:
    """A cell as text: stripped, a whole float without ``.0``, no guard quote."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if text.startswith("="):
        raise ValueError(FORMULA_REFUSED % {"value": text})
    return cell_restore(text)


def names_of(label) -> set[str]:
    """``label`` in every language of the portal, folded for matching."""
    names = set()
    for language in LANGUAGES:
        with translation.override(language):
            names.add(str(label).strip().casefold())
    return names


class TextWidget(Widget):
    def clean(self, value, row=None, **kwargs):
        return cell_text(value)

    def render(self, value, obj=None, **kwargs):
        return cell_neutralise("" if value is None else str(value))


class NumberWidget(Widget):
    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return None
        try:
            return int(text)
        except ValueError:
            raise ValueError(NUMBER_INVALID % {"value": text}) from None

    def render(self, value, obj=None, **kwargs):
        return value


class DateWidget(Widget):
    """ISO dates, the usual Chinese ways of writing them, or a date cell."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = cell_text(value)
        if not text:
            return None
        if len(text) == 10 and text[4] == "-":  # ISO, read without strptime
            try:
                return datetime.date.fromisoformat(text)
            except ValueError:
                pass
        for pattern in DATE_FORMATS:
            try:
                return datetime.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        raise ValueError(DATE_INVALID % {"value": text})

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class ChoiceWidget(Widget):
    """A choice by its stored value or its label in either language."""

    def __init__(self, choices, **kwargs):
        self.choices = choices
        self.by_name = None
        super().__init__(**kwargs)

    def _by_name(self) -> dict[str, str]:
        """Every way of writing each choice, folded, read once per import."""
        if self.by_name is None:
            self.by_name = {}
            for stored, label in reversed(self.choices):
                self.by_name.update(dict.fromkeys(names_of(label), stored))
            for stored, _label in reversed(self.choices):
                self.by_name[stored.casefold()] = stored
        return self.by_name

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return ""
        stored = self._by_name().get(text.casefold())
        if stored is not None:
            return stored
        labels = "、".join(str(label) for _stored, label in self.choices)
        raise ValueError(CHOICE_INVALID % {"value": text, "choices": labels})

    def render(self, value, obj=None, **kwargs):
        return str(dict(self.choices).get(value, value or ""))


class CodeWidget(Widget):
    """A foreign key written as the row's code; every code read in one query."""

    def __init__(self, model, field: str = "code", **kwargs):
        self.model, self.field = model, field
        self.by_code = None
        super().__init__(**kwargs)

    def lookup(self, code: str):
        if self.by_code is None:
            rows = self.model.objects.all()
            self.by_code = {getattr(row, self.field): row for row in rows}
        found = self.by_code.get(code)
        if found is None:
            raise ValueError(
                CODE_UNKNOWN % {"model": self.model._meta.verbose_name, "value": code}
            )
        return found

    def clean(self, value, row=None, **kwargs):
        code = cell_text(value)
        return self.lookup(code) if code else None

    def render(self, value, obj=None, **kwargs):
        return cell_neutralise(getattr(value, self.field, "") if value else "")


class ContractWidget(Widget):
    """A staff member's contract: its number among the row's company's."""

    def __init__(self, company_column: str, **kwargs):
        self.company_column = company_column
        self.by_number = None
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        number = cell_text(value)
        if not number:
            return None
        if self.by_number is None:
            from ..models import Contract

            rows = Contract.objects.select_related("company")
            self.by_number = {(c.company.code, c.number): c for c in rows}
        company = cell_text((row or {}).get(self.company_column))
        found = self.by_number.get((company, number))
        if found is None:
            raise ValueError(CONTRACT_UNKNOWN % {"value": number})
        return found

    def render(self, value, obj=None, **kwargs):
        return cell_neutralise(value.number if value else "")


class CodesWidget(ManyToManyWidget):
    """Many rows by their codes, separated by commas (either width) or 、."""

    def __init__(self, model, field: str = "code", **kwargs):
        super().__init__(model, field=field, **kwargs)
        self.codes = CodeWidget(model, field)

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        for separator in SEPARATORS[1:]:
            text = text.replace(separator, SEPARATORS[0])
        codes = [code.strip() for code in text.split(SEPARATORS[0]) if code.strip()]
        return [self.codes.lookup(code) for code in codes]

    def render(self, value, obj=None, **kwargs):
        if value is None:  # a row not saved yet has no related rows
            return ""
        codes = sorted(getattr(row, self.field) for row in value.all())
        return cell_neutralise(",".join(codes))
