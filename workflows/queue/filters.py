"""The queue's filters, parsed by a django-filter ``FilterSet``.

The form bounds every value (ids fit a database integer, choices are known):
an invalid value is dropped from the filter and its message shown, never sent
to a query. The selectors apply the parsed ``QueueFilter`` to the task and
request lists, whose field paths differ.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from ..api.fields import MAX_ID
from ..catalog import flow_choices
from ..models import Request
from .selectors import QueueFilter


class IdFilter(django_filters.Filter):
    field_class = forms.IntegerField


def _id(label) -> IdFilter:
    return IdFilter(label=label, min_value=1, max_value=MAX_ID)


class QueueFilterSet(django_filters.FilterSet):
    flow = django_filters.ChoiceFilter(label=_("Flow"), choices=flow_choices)
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=[("open", _("Open")), ("done", _("Closed"))]
    )
    site = _id(_("Site"))
    company = _id(_("Company"))
    overdue = django_filters.ChoiceFilter(choices=[("1", _("Overdue only"))])

    def __init__(self, data=None):
        # Only the form is used: the selectors filter tasks and requests.
        super().__init__(data, queryset=Request.objects.none())

    def spec(self) -> QueueFilter:
        """The valid values as a ``QueueFilter``; invalid ones are left out."""
        self.form.is_valid()
        values = self.form.cleaned_data
        return QueueFilter(
            flow=values.get("flow") or "",
            state=values.get("state") or "",
            site=values.get("site"),
            company=values.get("company"),
            overdue=values.get("overdue") == "1",
        )

    def messages(self) -> list[str]:
        """One line per refused value: ``Site: Enter a whole number.``"""
        return [
            f"{self.form.fields[name].label}: {message}"
            for name, errors in self.form.errors.items()
            for message in errors
        ]
