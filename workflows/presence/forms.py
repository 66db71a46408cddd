"""The phone's position on a form: hidden fields the page's script fills in
(``presence/locate.js``) once the person allows it; empty when they do not."""

from django import forms

from .rules import Location, location_parse

FIELDS = ("latitude", "longitude", "accuracy")


class LocationFields(forms.Form):
    """Mixed into a step's form: ``form.location()`` is a ``Location`` or None."""

    latitude = forms.CharField(required=False, widget=forms.HiddenInput)
    longitude = forms.CharField(required=False, widget=forms.HiddenInput)
    accuracy = forms.CharField(required=False, widget=forms.HiddenInput)

    def location(self) -> Location | None:
        data = getattr(self, "cleaned_data", {})
        return location_parse(**{name: data.get(name) for name in FIELDS})


def location_from(data) -> Location | None:
    """The position posted beside a form that has no ``LocationFields``."""
    return location_parse(**{name: data.get(name) for name in FIELDS})
