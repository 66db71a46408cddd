"""The typed fields of a staff change, shared by the request form and revision."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from registry.models import Contract, StaffMember
from registry.selectors import company_of
from workflows.forms import FlowInputForm

from .models import StaffChange
from .services import StaffChangeInput, staff_change_validate

BAD_PERSON_LINE = _(
    "Line %(line)s: write “name, phone, qualifications” (phone and "
    "qualifications may be left out)."
)


def people_parse(text: str) -> list[dict]:
    """One joiner per line: ``name, phone, qualifications`` (，or , separates)."""
    people = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in re.split(r"[,，]", line, maxsplit=2)]
        if not parts[0] or len(parts[0]) > 60:
            raise ValidationError(BAD_PERSON_LINE, params={"line": number})
        parts += [""] * (3 - len(parts))
        people.append({"name": parts[0], "phone": parts[1], "qualifications": parts[2]})
    return people


class StaffChangeForm(FlowInputForm):
    input_class = StaffChangeInput
    validate = staticmethod(staff_change_validate)

    contract = forms.ModelChoiceField(
        label=_("Contract"), queryset=Contract.objects.none()
    )
    kind = forms.ChoiceField(
        label=_("Kind of change"),
        choices=StaffChange.Kind.choices,
        widget=forms.RadioSelect,
    )
    staff_out = forms.ModelMultipleChoiceField(
        label=_("People who leave"),
        queryset=StaffMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For a removal or a replacement."),
    )
    people_in = forms.CharField(
        label=_("People who join"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For an addition or a replacement: one person per line, "
            "“name, phone, qualifications”."
        ),
    )
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3})
    )
    effective_date = forms.DateField(
        label=_("Effective date"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        company = company_of(user)
        if company is not None:
            self.fields["contract"].queryset = company.contracts.all()
            self.fields["staff_out"].queryset = company.staff.exclude(
                status=StaffMember.Status.LEFT
            )

    def clean_people_in(self):
        return people_parse(self.cleaned_data["people_in"])


def initial_from(change: StaffChange) -> dict:
    """The form's initial values from a request returned for changes."""
    people = change.people.all()
    return {
        "contract": change.contract_id,
        "kind": change.kind,
        "reason": change.reason,
        "effective_date": change.effective_date,
        "staff_out": [p.staff_id for p in people if p.direction == "out"],
        "people_in": "\n".join(
            ", ".join(filter(None, [p.name, p.phone, p.qualifications]))
            for p in people
            if p.direction == "in"
        ),
    }
