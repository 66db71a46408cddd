"""The typed fields of a position change, for the form page an admin builds."""

from django import forms
from django.utils.translation import gettext_lazy as _

from registry.models import Region, StaffMember
from registry.selectors import company_of
from registry.widgets import PersonSelect
from workflows.forms import FlowInputForm, text_field

from .services import PositionInput, position_validate


class PositionForm(FlowInputForm):
    input_class = PositionInput
    validate = staticmethod(position_validate)

    person = forms.ModelChoiceField(
        label=_("Person moved"),
        queryset=StaffMember.objects.none(),
        widget=PersonSelect,
    )
    position = forms.ChoiceField(
        label=_("New position"),
        choices=[("", _("Unchanged")), *StaffMember.Position.choices],
        required=False,
    )
    team = forms.CharField(
        label=_("New work group"),
        max_length=60,
        required=False,
        help_text=_("Leave empty to keep the current group."),
    )
    region = forms.ModelChoiceField(
        label=_("New area"),
        queryset=Region.objects.all(),
        required=False,
        empty_label=_("Unchanged"),
    )
    effective_date = forms.DateField(
        label=_("Effective date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = text_field(_("Reason"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        company = company_of(user)
        people = StaffMember.objects.none()
        if company is not None:
            people = company.staff.exclude(status=StaffMember.Status.LEFT)
        self.fields["person"].queryset = people
