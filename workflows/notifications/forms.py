from django import forms

from . import rules
from .events import EVENTS


class PreferencesForm(forms.Form):
    """One box per event: mail me too (the portal's own list always shows it)."""

    def __init__(self, *args, choices: dict[str, bool], **kwargs):
        super().__init__(*args, **kwargs)
        for key, event in EVENTS.items():
            self.fields[key] = forms.BooleanField(
                label=event.label,
                required=False,
                initial=rules.email_wanted(event=key, choice=choices.get(key)),
            )
