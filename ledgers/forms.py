"""The movement forms; the services decide, the forms only read the input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from registry.models import StaffMember
from registry.selectors import sites_for_user
from registry.widgets import PersonSelect

from . import rules
from .models import AssetEvent, PartState


class PartMoveForm(forms.Form):
    to_state = forms.ChoiceField(label=_("New state"))
    site = forms.ModelChoiceField(
        label=_("Site (when put into use)"), queryset=None, required=False
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, part, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_state"].choices = [
            (value, PartState(value).label) for value in rules.next_states(part.state)
        ]
        self.fields["site"].queryset = sites_for_user(user).filter(
            maintained_by=part.holder_id
        )

    def clean(self):
        data = super().clean()
        if data.get("to_state") == PartState.IN_USE and not data.get("site"):
            self.add_error("site", rules.SITE_REQUIRED)
        return data


class SignOutForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Person"), queryset=None, widget=PersonSelect
    )
    due_back = forms.DateTimeField(
        label=_("Due back"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, key, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = StaffMember.objects.filter(
            company=key.holder_id
        ).exclude(status=StaffMember.Status.LEFT)


class AssetChangeForm(forms.Form):
    KINDS = [
        (kind, label)
        for kind, label in AssetEvent.Kind.choices
        if kind != AssetEvent.Kind.ADDED
    ]
    kind = forms.ChoiceField(label=_("Change"), choices=KINDS)
    site = forms.ModelChoiceField(
        label=_("New site (when moved)"), queryset=None, required=False
    )
    tag = forms.CharField(
        label=_("New label (when relabelled)"), max_length=60, required=False
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites_for_user(user)
