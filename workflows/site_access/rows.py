"""The rows of the site-visit forms: outside visitors, equipment brought in."""

from django import forms
from django.utils.translation import gettext_lazy as _

from workflows.rows import RowForm

from . import rules

PHONE_INPUT = forms.TextInput(attrs={"type": "tel", "inputmode": "tel"})


def _needed(name: str) -> dict:
    return {"required": rules.OUTSIDER_NEEDS[name]}


class OutsiderForm(RowForm):
    """One outside visitor; the checks are the rule's (``outsider_problems``)."""

    name = forms.CharField(
        label=_("Full name"), max_length=60, error_messages=_needed("name")
    )
    company_name = forms.CharField(
        label=_("Company"), max_length=120, error_messages=_needed("company_name")
    )
    id_number = forms.CharField(
        label=_("ID number"), max_length=30, error_messages=_needed("id_number")
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        widget=PHONE_INPUT,
        error_messages=_needed("phone"),
    )

    def clean(self):
        data = super().clean()
        for name, message in rules.outsider_problems(data).items():
            if name not in self.errors:
                self.add_error(name, message)
        return data


class AddedAssetForm(RowForm):
    """A piece of equipment brought in, to be added to the site's asset ledger."""

    name = forms.CharField(
        label=_("Kind / model"),
        max_length=120,
        error_messages={"required": rules.ASSET_NEEDS["name"]},
    )
    serial = forms.CharField(
        label=_("Serial number"),
        max_length=60,
        error_messages={"required": rules.ASSET_NEEDS["serial"]},
    )
    tag = forms.CharField(
        label=_("Asset label"),
        max_length=60,
        error_messages={"required": rules.ASSET_NEEDS["tag"]},
    )
