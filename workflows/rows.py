"""Rows of one kind inside a flow's form: a formset shown as one field.

``RowsField`` sits among the form's fields; its widget renders the formset the
form sets on it (``widget.formset``): the rows as posted, spare blank rows that
a browser without JavaScript fills (a blank row is ignored) and a template row
that ``workflows/rows.js`` copies for "Add". Its cleaned value is the list of
filled rows not marked for removal (``rows_clean``); each row keeps its own
errors, shown again with what was typed.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

BLANK_ROWS = 2
ROWS_INVALID = _("Check the rows below: see the messages in each.")


class RowForm(forms.Form):
    """A row of a ``RowsField``: no ``:`` after labels, as on the form page."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class RowsWidget(forms.Widget):
    """Renders the formset set on it as ``formset``."""

    template_name = "workflows/rows_widget.html"
    formset = None

    class Media:
        js = ["workflows/rows.js"]

    def __init__(self, *, legend, add_label, attrs=None):
        super().__init__(attrs)
        self.legend, self.add_label = legend, add_label

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context.update(
            formset=self.formset, legend=self.legend, add_label=self.add_label
        )
        return context

    def value_from_datadict(self, data, files, name):
        return None  # the formset reads its own rows

    def id_for_label(self, id_):
        first = next(iter(self.formset.form.base_fields), "") if self.formset else ""
        return f"id_{self.formset.prefix}-0-{first}" if self.formset else id_


class RowsField(forms.Field):
    """Rows of ``row_form`` (see the module); ``clean`` is the form's job."""

    def __init__(self, *, legend, add_label, **kwargs):
        widget = RowsWidget(legend=legend, add_label=add_label)
        super().__init__(required=False, widget=widget, **kwargs)


def rows_formset(row_form, *, prefix, data=None, max_rows=20) -> forms.BaseFormSet:
    """Bound to the posted rows, or unbound with blank rows to fill."""
    formset_class = forms.formset_factory(
        row_form,
        extra=BLANK_ROWS,
        can_delete=True,
        max_num=max_rows,
        validate_max=True,
    )
    return formset_class(data, prefix=prefix)


def rows_clean(formset: forms.BaseFormSet) -> list[dict]:
    """The filled rows not removed, in order, or ``ROWS_INVALID``."""
    if not formset.is_valid():
        raise ValidationError(ROWS_INVALID, code="rows")
    rows = []
    for form in formset.forms:
        if form.has_changed() and not form.cleaned_data.get("DELETE"):
            rows.append({k: v for k, v in form.cleaned_data.items() if k != "DELETE"})
    return rows
