"""The typed fields of a staff change, shared by the request form and revision."""

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from home.request_fields import AttachmentField
from registry.models import Contract, StaffMember
from registry.selectors import company_of
from workflows.forms import FlowInputForm, text_field

from .models import StaffChange
from .people import DateInput, PeopleField, people_clean, people_formset
from .services import StaffChangeInput, staff_change_validate

PICKER_PLACEHOLDER = _("Type a name or staff number to find people")


class StaffPicker(forms.CheckboxSelectMultiple):
    """The leaving people as checkboxes, with a filter-as-you-type box.

    Plain checkboxes in a scrolling list without JavaScript; ``form.js`` adds
    the filter and shows only the chosen contract's people.
    """

    template_name = "staff_change/staff_picker.html"

    def create_option(self, name, value, label, selected, index, **kwargs):
        option = super().create_option(name, value, label, selected, index, **kwargs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["contract"] = instance.contract_id
        return option

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["placeholder"] = PICKER_PLACEHOLDER
        return context


class StaffOutField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        # The name is the person's as written, the rest the interface's.
        return format_html(
            "<span data-user-text>{}</span> · {} · {}",
            obj.name,
            obj.employee_no,
            obj.get_position_display(),
        )


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
    staff_out = StaffOutField(
        label=_("People who leave"),
        queryset=StaffMember.objects.none(),
        required=False,
        widget=StaffPicker,
        help_text=_("For a removal or a replacement."),
    )
    people_in = PeopleField(label=_("People who join"))
    reason = text_field(_("Reason"))
    effective_date = forms.DateField(label=_("Effective date"), widget=DateInput())

    # The change being revised, whose own positions the live cap leaves out.
    revising: StaffChange | None = None

    def __init__(self, *args, user, people_initial=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.people = people_formset(
            data=self.data if self.is_bound else None,
            files=self.files if self.is_bound else None,
            initial=people_initial,
        )
        self.fields["people_in"].widget.formset = self.people
        self.fields["people_in"].widget.cap_check = self.cap_check
        company = company_of(user)
        if company is not None:
            self._scope_to(company)
        cap_url = reverse("workflows:staff_change_cap")
        self.fields["contract"].widget.attrs["data-cap-url"] = cap_url

    def _scope_to(self, company):
        contracts = list(company.contracts.order_by("-period_start"))
        field = self.fields["contract"]
        field.queryset = company.contracts.all()
        today = timezone.localdate()
        current = [c for c in contracts if c.period_start <= today <= c.period_end]
        chosen = (current or contracts)[:1]
        if chosen and "contract" not in self.initial:
            self.initial["contract"] = chosen[0].pk
        if len(contracts) == 1:
            field.empty_label = None
        self.fields["staff_out"].queryset = company.staff.exclude(
            status=StaffMember.Status.LEFT
        ).order_by("name")

    def clean_people_in(self):
        return people_clean(self.people)

    def cap_check(self):
        """The cap as the initial or posted values stand, for the page's first
        view (the same rule ``form.js`` asks the server for as the form changes).
        """
        from .selectors import cap_usage_for

        contract_id = self["contract"].value()
        contract = self.fields["contract"].queryset.filter(pk=contract_id or 0).first()
        if contract is None:
            return None
        outs = self["staff_out"].value() or []
        return cap_usage_for(
            contract=contract,
            kind=self["kind"].value() or "add",
            ins=self.people.named_count(),
            outs=len(outs),
            exclude_pk=self.revising.pk if self.revising else None,
        )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(AttachmentField):
    """Several uploads in one input, each checked like a form's attachment."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(AttachmentsField, self).clean(f, initial) for f in files if f]


class StaffChangeReviseForm(StaffChangeForm):
    """The returned request as filed, plus more attachments."""

    new_attachments = AttachmentsField(
        label=_("Add attachments"),
        required=False,
        help_text=_("For instance the certificates the reviewer asked for."),
    )

    def __init__(self, *args, change: StaffChange, **kwargs):
        kwargs["initial"] = initial_from(change)
        kwargs["people_initial"] = people_initial_from(change)
        super().__init__(*args, **kwargs)
        self.revising = change
        self.fields["contract"].widget.attrs["data-cap-exclude"] = change.pk


def initial_from(change: StaffChange) -> dict:
    """The form's initial values from a request returned for changes."""
    return {
        "contract": change.contract_id,
        "kind": change.kind,
        "reason": change.reason,
        "effective_date": change.effective_date,
        "staff_out": [p.staff_id for p in change.people.all() if p.direction == "out"],
    }


def people_initial_from(change: StaffChange) -> list[dict]:
    """A row per person who joins, as filed (their certificate kept)."""
    rows = change.people.filter(direction="in").select_related("certificate")
    return [
        {
            "name": row.name,
            "phone": row.phone,
            "id_number": row.id_number,
            "qualifications": row.qualifications,
            "certificate_expiry": row.certificate_expiry,
            "kept_certificate": row.certificate_id,
            "kept_certificate_name": row.certificate.title if row.certificate else "",
        }
        for row in rows
    ]
