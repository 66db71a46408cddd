"""Forms: a report's typed field (its period) and the day's work log."""

from datetime import date, timedelta

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from home.rules import current_rules
from registry.calendar import local_today
from workflows.forms import REASON_LENGTH, FlowInputForm

from . import rules
from .reports import ReportInput, report_validate

PERIODS_OFFERED = 4
ENTRY_ROWS = 3


def recent_periods(kind: str, today: date) -> list[tuple[date, date]]:
    """The last periods of ``kind`` that have ended, most recent first."""
    period = current_rules().obligations.reports[kind].period
    periods, day = [], today
    start, end = rules.period_of(period, day)
    if end > today:
        start, end = rules.period_of(period, start - timedelta(days=1))
    while len(periods) < PERIODS_OFFERED:
        periods.append((start, end))
        start, end = rules.period_of(period, start - timedelta(days=1))
    return periods


def period_label(start: date, end: date) -> str:
    return f"{date_format(start)} – {date_format(end)}"


class ReportForm(FlowInputForm):
    """The period a report covers; a subclass per report kind sets ``kind``."""

    input_class = ReportInput
    validate = staticmethod(report_validate)
    kind = ""

    period = forms.TypedChoiceField(
        label=_("Report period"), coerce=date.fromisoformat, choices=()
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        periods = recent_periods(self.kind, local_today())
        self.fields["period"].choices = [
            (start.isoformat(), period_label(start, end)) for start, end in periods
        ]

    def to_input(self, **extra):
        return super().to_input(kind=self.kind, **extra)


def report_form_for(kind: str) -> type[ReportForm]:
    return type(f"ReportForm_{kind}", (ReportForm,), {"kind": kind})


class LogDayForm(forms.Form):
    day = forms.DateField(
        label=_("Day"), widget=forms.DateInput(attrs={"type": "date"})
    )


class EntryForm(forms.Form):
    code = forms.ChoiceField(label=_("Class"), choices=())
    text = forms.CharField(
        label=_("What happened"),
        max_length=REASON_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        classes = current_rules().obligations.classes
        self.fields["code"].choices = [(c.code, class_label(c)) for c in classes]


def class_label(rule) -> str:
    from django.utils.translation import get_language

    english = (get_language() or "").startswith("en") and rule.name_en
    name = rule.name_en if english else rule.name_zh
    mark = " ⚠" if rule.urgent else ""
    return f"{rule.code} · {name}{mark}"


EntryFormSet = forms.formset_factory(EntryForm, extra=ENTRY_ROWS, max_num=20)


def entry_inputs(formset) -> list:
    from .services import EntryInput

    return [
        EntryInput(code=form.cleaned_data["code"], text=form.cleaned_data["text"])
        for form in formset.forms
        if form.cleaned_data.get("text", "").strip()
    ]
