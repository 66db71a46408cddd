"""The typed fields of an inspection plan, for the form page an admin builds."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from registry.calendar import local_today
from registry.models import Region, Site
from registry.selectors import company_of
from workflows.forms import FlowInputForm

from .services import PlanInput, plan_validate

MONTH_CHOICES = [
    ("1", _("First month of the quarter")),
    ("2", _("Second month of the quarter")),
    ("3", _("Third month of the quarter")),
]


def quarter_choices() -> list[tuple[str, str]]:
    """Called by the form each time, so the labels are in the reader's language."""
    return [(str(q), gettext("Quarter %(q)s") % {"q": q}) for q in (1, 2, 3, 4)]


def _company_sites(user):
    company = company_of(user)
    if company is None:
        return Site.objects.none()
    return company.sites.select_related("region").order_by("code")


class PlanRowsFields(forms.Form):
    """Sites and months: each site gets each published checklist of its kind."""

    sites = forms.ModelMultipleChoiceField(
        label=_("Sites"),
        queryset=Site.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    months = forms.MultipleChoiceField(
        label=_("Months"),
        choices=MONTH_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        initial=["1", "2", "3"],
    )

    def calendar_months(self, quarter: int) -> list[int]:
        return [3 * (quarter - 1) + int(m) for m in self.cleaned_data["months"]]


class PlanForm(PlanRowsFields, FlowInputForm):
    input_class = PlanInput
    validate = staticmethod(plan_validate)

    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.all())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(
        label=_("Quarter"), choices=quarter_choices, coerce=int
    )
    field_order = ["region", "year", "quarter", "sites", "months"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["sites"].queryset = _company_sites(user)
        self.fields["year"].initial = local_today().year

    def clean(self):
        if not self.errors:
            quarter = self.cleaned_data["quarter"]
            self.cleaned_data["months"] = self.calendar_months(quarter)
        return super().clean()


class ReviseForm(PlanRowsFields):
    def __init__(self, *args, user, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sites"].queryset = _company_sites(user).filter(region=plan.region)
        rows = list(plan.rows.values_list("site_id", "month"))
        self.initial = {
            "sites": sorted({site for site, _month in rows}),
            "months": sorted({str((m - 1) % 3 + 1) for _site, m in rows}),
        }
