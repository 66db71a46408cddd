"""The forms of the assessment pages; the services hold the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.models import DeductionEvent
from home.request_fields import AttachmentField
from registry.calendar import local_today
from workflows.forms import text_field

from .models import AssessmentLine
from .objections import MANUAL_EVENTS


class ObjectionForm(forms.Form):
    reason = text_field(_("Why the deduction is wrong"))
    evidence = AttachmentField(
        label=_("Evidence"),
        required=False,
        help_text=_("A document or photo that shows it (optional)."),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=AssessmentLine.Decision.choices,
        widget=forms.RadioSelect,
    )
    comment = text_field(
        _("Comment"), required=False, help_text=_("Required when you reject it.")
    )


class SendForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I have filed every objection I mean to make."), required=True
    )


class FinaliseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Finalise the score and grade of this month."), required=True
    )


class ManualForm(forms.Form):
    company = forms.ModelChoiceField(label=_("Company"), queryset=None)
    event = forms.ChoiceField(
        label=_("Event"),
        choices=[(e, DeductionEvent(e).label) for e in MANUAL_EVENTS],
    )
    occurred_at = forms.DateTimeField(
        label=_("When it happened"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    description = text_field(_("What happened"))
    description_en = text_field(_("What happened (English)"), required=False)
    evidence = AttachmentField(label=_("Evidence"))

    def __init__(self, *args, companies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = companies


def _years():
    this = local_today().year
    return [(year, str(year)) for year in range(this, this - 4, -1)]


class PaymentForm(forms.Form):
    company = forms.ModelChoiceField(label=_("Company"), queryset=None)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=_years)
    quarter = forms.TypedChoiceField(
        label=_("Quarter"), coerce=int, choices=[(q, f"Q{q}") for q in (1, 2, 3, 4)]
    )

    def __init__(self, *args, companies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = companies
