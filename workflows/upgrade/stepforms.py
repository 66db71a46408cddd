"""The forms of the upgrade's human steps."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import SoftwareUpgrade
from .widgets import datetime_field

REASON_HELP = _("Required when you reject or return.")
WINDOW_NEEDED = _("Give the approved window when you approve.")


def _comment(help_text=REASON_HELP, required=False):
    return forms.CharField(
        label=_("Comment"),
        required=required,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=help_text,
    )


class ConfirmForm(forms.Form):
    comment = _comment(help_text=_("Optional: anything the filer should know."))


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=SoftwareUpgrade.Decision.choices,
        widget=forms.RadioSelect,
    )
    comment = _comment()


class ApprovalForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[c for c in SoftwareUpgrade.Decision.choices if c[0] != "returned"],
        widget=forms.RadioSelect,
    )
    approved_start = datetime_field(_("Approved window start"), required=False)
    approved_end = datetime_field(_("Approved window end"), required=False)
    comment = _comment(help_text=_("Required when you reject."))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "approved":
            for name in ("approved_start", "approved_end"):
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, ValidationError(WINDOW_NEEDED))
        return cleaned


class StartForm(forms.Form):
    started_at = datetime_field(_("Work started at"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["started_at"].initial = timezone.localtime().replace(
            second=0, microsecond=0
        )


class EndForm(forms.Form):
    ended_at = datetime_field(_("Work ended at"))
    result = forms.ChoiceField(
        label=_("Outcome"),
        choices=SoftwareUpgrade.Result.choices,
        widget=forms.RadioSelect,
    )
    result_note = forms.CharField(
        label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ended_at"].initial = timezone.localtime().replace(
            second=0, microsecond=0
        )


class RollbackForm(forms.Form):
    rolled_back = forms.BooleanField(
        label=_("The old version has been restored and checked"), required=True
    )
    failure_report = forms.CharField(
        label=_("Failure report"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What failed, why, and what was restored."),
    )


class SparePartsForm(forms.Form):
    note = forms.CharField(
        label=_("Spare parts upgraded"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Which spare parts, to which version."),
    )


class ServiceRecordForm(forms.Form):
    record = forms.CharField(
        label=_("Service record"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What was upgraded where, and how it was checked."),
    )
