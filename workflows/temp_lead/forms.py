"""The typed fields of a temporary lead, for the request form page an admin builds."""

from django import forms
from django.utils.translation import gettext_lazy as _

from registry.models import StaffMember
from registry.selectors import company_of
from registry.widgets import PersonSelect
from workflows.forms import FlowInputForm, text_field

from .services import TempLeadInput, temp_lead_validate


class TempLeadForm(FlowInputForm):
    input_class = TempLeadInput
    validate = staticmethod(temp_lead_validate)

    stand_in = forms.ModelChoiceField(
        label=_("Stand-in"),
        queryset=StaffMember.objects.none(),
        widget=PersonSelect,
        help_text=_("A person of your company who is on duty."),
    )
    start_date = forms.DateField(
        label=_("First day"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(
        label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = text_field(_("Reason"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        company = company_of(user)
        if company is not None:
            # Not the lead himself: he is the one who is away.
            self.fields["stand_in"].queryset = company.staff.filter(
                status=StaffMember.Status.ON_DUTY
            ).exclude(user=user)
