"""What the typed-field forms of every flow share."""

import dataclasses

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

# The longest reason or comment a person may write, on a page or through the API.
REASON_LENGTH = 2000


def text_field(label, **kwargs) -> forms.CharField:
    """A reason or comment: a three-line box, at most ``REASON_LENGTH`` characters."""
    return forms.CharField(
        label=label,
        max_length=REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        **kwargs,
    )


def input_from(input_class, cleaned: dict, **extra):
    """Fill a flow's input dataclass from cleaned form data (querysets as lists)."""
    names = {field.name for field in dataclasses.fields(input_class)}
    values = {
        name: list(value) if isinstance(value, QuerySet) else value
        for name, value in cleaned.items()
        if name in names
    }
    return input_class(**values, **extra)


class FlowInputForm(forms.Form):
    """Typed fields of a request whose flow validates them itself.

    ``clean`` runs the flow's own ``validate(user=, data=)`` on the input, so a
    form page and the API answer with the same messages.
    """

    input_class = None
    validate = None

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            type(self).validate(user=self.user, data=self.to_input())
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned

    def to_input(self, **extra):
        return input_from(self.input_class, self.cleaned_data, **extra)
