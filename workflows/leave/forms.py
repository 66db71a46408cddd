"""The typed fields of a leave, for the request form page an admin builds."""

from django import forms
from django.utils.translation import gettext_lazy as _

from registry.models import StaffMember
from registry.selectors import company_of
from registry.widgets import PersonSelect
from workflows.forms import FlowInputForm, text_field

from .services import LeaveInput, leave_validate
from .steps import COMPANY


class LeaveForm(FlowInputForm):
    input_class = LeaveInput
    validate = staticmethod(leave_validate)

    person = forms.ModelChoiceField(
        label=_("Person on leave"),
        queryset=StaffMember.objects.none(),
        widget=PersonSelect,
        required=False,
        help_text=_("Leave empty to file your own leave."),
    )
    start_date = forms.DateField(
        label=_("First day of leave"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(
        label=_("Last day of leave"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = text_field(_("Reason"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        company = company_of(user)
        people = StaffMember.objects.none()
        if company is not None:
            people = company.staff.exclude(status=StaffMember.Status.LEFT)
            if not user.has_perm(COMPANY.permission, company):
                people = people.filter(user_id=user.pk)
        self.fields["person"].queryset = people
