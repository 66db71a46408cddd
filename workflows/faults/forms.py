from django import forms
from django.utils.translation import gettext_lazy as _

from home.models.sla import FaultLevel, SlaMode
from registry.models import Company, Site
from workflows.presence.forms import LocationFields

from .models import FaultTicket


class DispatchForm(forms.Form):
    site = forms.ModelChoiceField(label=_("Site"), queryset=Site.objects.none())
    level = forms.TypedChoiceField(
        label=_("Fault level"), choices=FaultLevel.choices, coerce=int
    )
    mode = forms.ChoiceField(
        label=_("Mode"), choices=SlaMode.choices, widget=forms.RadioSelect
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = Site.objects.select_related("region")


class AcceptForm(forms.Form):
    """Accepting needs no input: one big button."""


class ArriveForm(LocationFields):
    """Arriving needs no typing: the time is now, the position the phone's."""


class RestoreForm(forms.Form):
    cause = forms.CharField(label=_("Cause"), widget=forms.Textarea(attrs={"rows": 3}))
    measures = forms.CharField(
        label=_("Measures taken"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ReportForm(forms.Form):
    report = forms.CharField(
        label=_("Fault report"), widget=forms.Textarea(attrs={"rows": 6})
    )


class ConfirmForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=FaultTicket.Decision.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you send it back."),
    )


class AnalysisForm(forms.Form):
    analysis = forms.CharField(
        label=_("Overdue analysis"), widget=forms.Textarea(attrs={"rows": 6})
    )


class ProgressForm(forms.Form):
    text = forms.CharField(
        label=_("Progress note"), widget=forms.Textarea(attrs={"rows": 2})
    )


class SuspendForm(forms.Form):
    # Required by the service, whose message says what is missing.
    reason = forms.CharField(
        label=_("Reason for suspending"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SuspendDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=FaultTicket.SuspendDecision.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ResumeForm(forms.Form):
    """Resuming needs no input: one big button."""


class RedispatchForm(forms.Form):
    company = forms.ModelChoiceField(
        label=_("Re-dispatch to"), queryset=Company.objects.none()
    )
    reason = forms.CharField(
        label=_("Reason for re-dispatching"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = Company.objects.order_by("code")


class ChaseForm(forms.Form):
    text = forms.CharField(
        label=_("Chase"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
