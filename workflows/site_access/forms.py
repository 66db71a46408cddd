"""The typed fields of a site visit, for the request form page an admin builds."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from registry.models import Site, StaffMember
from registry.selectors import company_of, sites_for_user
from registry.widgets import PersonSelect
from workflows.forms import FlowInputForm

from .services import OUTSIDER_FIELDS, SiteVisitInput, visit_validate

WINDOW = {"type": "datetime-local"}
OUTSIDER_LINE = _(
    "Line %(line)s: give name, company, ID number and phone, separated by commas."
)


class VisitorsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return format_html(
            "<span data-user-text>{}</span> · {}", obj.name, obj.employee_no
        )


class OutsidersField(forms.CharField):
    """One outside visitor a line: ``name, company, ID number, phone``."""

    widget = forms.Textarea(attrs={"rows": 2})

    def clean(self, value):
        text = super().clean(value)
        rows = []
        for number, line in enumerate(filter(str.strip, text.splitlines()), 1):
            parts = [p.strip() for p in re.split(r"[,，]", line)]
            if len(parts) != len(OUTSIDER_FIELDS) or not all(parts):
                raise ValidationError(OUTSIDER_LINE % {"line": number})
            rows.append(dict(zip(OUTSIDER_FIELDS, parts, strict=True)))
        return rows


class SiteVisitForm(FlowInputForm):
    input_class = SiteVisitInput
    validate = staticmethod(visit_validate)

    site = forms.ModelChoiceField(
        label=_("Site"), queryset=Site.objects.none(), widget=PersonSelect
    )
    window_start = forms.DateTimeField(
        label=_("From"), widget=forms.DateTimeInput(attrs=WINDOW)
    )
    window_end = forms.DateTimeField(
        label=_("Until"), widget=forms.DateTimeInput(attrs=WINDOW)
    )
    staff = VisitorsField(
        label=_("Visitors from your roster"),
        queryset=StaffMember.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    outsiders = OutsidersField(
        label=_("Outside visitors"),
        required=False,
        help_text=_("One a line: name, company, ID number, phone."),
    )
    escort = forms.ModelChoiceField(
        label=_("Escort"),
        queryset=StaffMember.objects.none(),
        widget=PersonSelect,
        required=False,
        help_text=_("Required when there are outside visitors."),
    )
    cabinets = forms.CharField(label=_("Cabinet numbers"), required=False)
    planned_work = forms.CharField(
        label=_("Planned work"), widget=forms.Textarea(attrs={"rows": 3})
    )
    equipment_change = forms.BooleanField(
        label=_("Equipment will be added or removed"), required=False
    )
    checklist_acknowledged = forms.BooleanField(
        label=_("I have read the site's pre-work safety checklist and will follow it"),
        required=False,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        company = company_of(user)
        people = StaffMember.objects.none()
        if company is not None:
            people = company.staff.exclude(status=StaffMember.Status.LEFT)
        self.fields["site"].queryset = sites_for_user(user)
        self.fields["staff"].queryset = people
        self.fields["escort"].queryset = people
