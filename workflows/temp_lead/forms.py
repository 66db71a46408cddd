"""The typed fields of a temporary lead, for the request form page an admin builds."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from registry.models import StaffMember
from registry.selectors import company_of

from .services import TempLeadInput, temp_lead_validate


class TempLeadForm(forms.Form):
    stand_in = forms.ModelChoiceField(
        label=_("Stand-in"),
        queryset=StaffMember.objects.none(),
        help_text=_("A person of your company who is on duty."),
    )
    start_date = forms.DateField(
        label=_("First day"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(
        label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        company = company_of(user)
        if company is not None:
            self.fields["stand_in"].queryset = company.staff.filter(
                status=StaffMember.Status.ON_DUTY
            )

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            temp_lead_validate(user=self.user, data=self.to_input())
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned

    def to_input(self, **extra) -> TempLeadInput:
        data = self.cleaned_data
        return TempLeadInput(
            stand_in=data["stand_in"],
            start_date=data["start_date"],
            end_date=data["end_date"],
            reason=data["reason"],
            **extra,
        )
