"""The SLA matrix edited as one grid: levels as rows, region tiers × modes as
columns, one hours input per cell.

The rows stay the topic's ``targets`` (so revisions, comparisons and the rules
reader are unchanged); only their form is laid out as the policy's table. The
key fields of a row are hidden: a cell is never added, moved or removed here,
and the parent's check still refuses a missing or repeated cell.
"""

from django import forms
from django.forms.formsets import DELETION_FIELD_NAME, ORDERING_FIELD_NAME

from .base import RowsFormSet, RowsInlinePanel

KEY_FIELDS = ("level", "tier", "mode")


class SlaGridFormSet(RowsFormSet):
    """The cells' forms: their key fields and row furniture hidden."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for name in (*KEY_FIELDS, DELETION_FIELD_NAME, ORDERING_FIELD_NAME):
            if name in form.fields:
                form.fields[name].widget = forms.HiddenInput()
        hours = form.fields.get("hours")
        if hours is not None:
            hours.widget.attrs.update({"class": "sla-cell", "inputmode": "decimal"})


def sla_grid(forms_, *, levels, columns):
    """Rows of ``(level, [form or None per column])`` by each form's cell."""
    by_cell = {}
    for form in forms_:
        key = tuple(str(form[name].value()) for name in KEY_FIELDS)
        by_cell[key] = form
    return [
        (level, [by_cell.get((str(level[0]), tier, mode)) for tier, mode in columns])
        for level in levels
    ]


class SlaGridPanel(RowsInlinePanel):
    """An inline panel of the SLA cells rendered as one table."""

    formset_class = SlaGridFormSet

    class BoundPanel(RowsInlinePanel.BoundPanel):
        template_name = "home/panels/sla_grid.html"
        telepath_adapter_name = "wagtail.panels.Panel"

        def telepath_pack(self, context):
            return (self.telepath_adapter_name, [self.js_opts()])

        def get_context_data(self, parent_context=None):
            from registry.models import Region

            from .sla import FaultLevel, SlaMode

            context = super().get_context_data(parent_context)
            columns = [(t, m) for t in Region.Tier.values for m in SlaMode.values]
            context.update(
                tiers=Region.Tier.choices,
                modes=SlaMode.choices,
                grid=sla_grid(
                    self.formset.forms, levels=FaultLevel.choices, columns=columns
                ),
            )
            return context
