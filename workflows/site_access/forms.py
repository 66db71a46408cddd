"""The typed fields of a site visit, for the request form page an admin builds."""

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from registry.models import Site, StaffMember
from registry.selectors import company_of, sites_for_user
from registry.widgets import PersonSelect
from workflows.forms import FlowInputForm
from workflows.rows import RowsField, rows_clean, rows_formset

from .rows import OutsiderForm
from .selectors import prework_checklists
from .services import SiteVisitInput, visit_validate

WINDOW = {"type": "datetime-local"}
OUTSIDERS_PREFIX = "outsiders"


class VisitorsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return format_html(
            "<span data-user-text>{}</span> · {}", obj.name, obj.employee_no
        )


class SiteSelect(PersonSelect):
    """Each site with its kind, so the page shows that kind's checklist."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-kind"] = instance.kind
        return option


def _number(value) -> str:
    return format(value.normalize(), "f")


def limits_text(item) -> str:
    """``342 – 418 V``, ``≥ 5 V``, ``≤ 5 Ω`` or the unit alone: what a reading
    must stay within."""
    unit = f" {item.unit}" if item.unit else ""
    low, high = item.min_value, item.max_value
    if low is not None and high is not None:
        return f"{_number(low)} – {_number(high)}{unit}"
    if low is not None:
        return f"≥ {_number(low)}{unit}"
    if high is not None:
        return f"≤ {_number(high)}{unit}"
    return item.unit


class ChecklistAcknowledge(forms.CheckboxInput):
    """The pre-work checklists of the user's kinds of site, then the tick box.

    All are rendered; only the chosen site's kind is shown once a site is
    chosen (by the server after a post, by ``visit_form.js`` as it changes).
    """

    template_name = "site_access/checklist_acknowledge.html"
    checklists: dict = {}
    chosen_kind = ""

    class Media:
        js = ["site_access/visit_form.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        kinds = dict(Site.Kind.choices)
        context["checklists"] = [
            {
                "kind": kind,
                "kind_label": kinds.get(kind, kind),
                "template": template,
                "items": [(i, limits_text(i)) for i in template.items.all()],
            }
            for kind, template in self.checklists.items()
        ]
        context["chosen_kind"] = self.chosen_kind
        context["no_checklist"] = bool(self.chosen_kind) and (
            self.chosen_kind not in self.checklists
        )
        return context


class SiteVisitForm(FlowInputForm):
    input_class = SiteVisitInput
    validate = staticmethod(visit_validate)

    site = forms.ModelChoiceField(
        label=_("Site"), queryset=Site.objects.none(), widget=SiteSelect
    )
    window_start = forms.DateTimeField(
        label=_("From"), widget=forms.DateTimeInput(attrs=WINDOW)
    )
    window_end = forms.DateTimeField(
        label=_("Until"), widget=forms.DateTimeInput(attrs=WINDOW)
    )
    staff = VisitorsField(
        label=_("Visitors from your roster"),
        queryset=StaffMember.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    outsiders = RowsField(
        label=_("Outside visitors"),
        legend=_("Outside visitor"),
        add_label=_("Add an outside visitor"),
        help_text=_("Name, company, ID number and phone of each; they need an escort."),
    )
    escort = forms.ModelChoiceField(
        label=_("Escort"),
        queryset=StaffMember.objects.none(),
        widget=PersonSelect,
        required=False,
        help_text=_("Required when there are outside visitors."),
    )
    cabinets = forms.CharField(label=_("Cabinet numbers"), required=False)
    planned_work = forms.CharField(
        label=_("Planned work"), widget=forms.Textarea(attrs={"rows": 3})
    )
    equipment_change = forms.BooleanField(
        label=_("Equipment will be added or removed"), required=False
    )
    checklist_acknowledged = forms.BooleanField(
        label=_("I have read the site's pre-work safety checklist and will follow it"),
        required=False,
        widget=ChecklistAcknowledge,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        company = company_of(user)
        people = StaffMember.objects.none()
        if company is not None:
            people = company.staff.exclude(status=StaffMember.Status.LEFT)
        sites = sites_for_user(user)
        self.fields["site"].queryset = sites
        self.fields["staff"].queryset = people
        self.fields["escort"].queryset = people
        self.outsider_rows = rows_formset(
            OutsiderForm,
            prefix=OUTSIDERS_PREFIX,
            data=self.data if self.is_bound else None,
        )
        self.fields["outsiders"].widget.formset = self.outsider_rows
        self._checklists_for(sites)

    def _checklists_for(self, sites):
        kinds = sorted(set(sites.values_list("kind", flat=True)))
        widget = self.fields["checklist_acknowledged"].widget
        widget.checklists = prework_checklists(kinds)
        widget.chosen_kind = kinds[0] if len(kinds) == 1 else ""
        chosen = str(self["site"].value() or "") if self.is_bound else ""
        if chosen.isdigit():
            site = sites.filter(pk=int(chosen)).first()
            widget.chosen_kind = site.kind if site else widget.chosen_kind

    def clean_outsiders(self):
        return rows_clean(self.outsider_rows)
