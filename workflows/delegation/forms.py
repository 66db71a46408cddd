from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from registry.roles import CARRIER_ROLES, Role, roles_of
from registry.selectors import company_of
from registry.widgets import PersonSelect

from ..upgrade.widgets import datetime_field

DATE = {"type": "date"}


class PersonChoice(forms.ModelChoiceField):
    """A choice of portal users, each named as their account writes it."""

    widget = PersonSelect

    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.username


def colleagues(user):
    """Active people of ``user``'s side: their company, or the carrier's staff."""
    people = get_user_model().objects.filter(is_active=True).order_by("username")
    company = company_of(user)
    if Role.CARRIER_ADMIN in roles_of(user) or user.is_superuser:
        return people
    if company is not None:
        return people.filter(membership__company=company)
    return people.filter(groups__name__in=CARRIER_ROLES).distinct()


class SubstitutionForm(forms.Form):
    absent = PersonChoice(label=_("Absent person"), queryset=None, required=False)
    substitute = PersonChoice(label=_("Substitute"), queryset=None)
    start_date = forms.DateField(label=_("First day"), widget=forms.DateInput(DATE))
    end_date = forms.DateField(label=_("Last day"), widget=forms.DateInput(DATE))
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        people = colleagues(user).exclude(pk=user.pk)
        self.fields["substitute"].queryset = people
        if Role.CARRIER_ADMIN in roles_of(user) or user.is_superuser:
            self.fields["absent"].queryset = colleagues(user)
            self.fields["substitute"].queryset = colleagues(user)
        else:
            del self.fields["absent"]

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error(
                "end_date", _("The last day cannot be before the first day.")
            )
        return data


class ReassignForm(forms.Form):
    new_owner = PersonChoice(label=_("Move to"), queryset=None)
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_owner"].queryset = people


class SnoozeForm(forms.Form):
    until = datetime_field(_("Snooze until"))
    reason = forms.CharField(label=_("Reason"), max_length=200)
