"""The dashboards' filters: period, company, region (django-filter, as the lists).

The company choice holds only what the user may see, so another company's
pk in the address is an invalid choice; the view answers it with a 404.
"""

from datetime import date

import django_filters
from django.utils.translation import gettext_lazy as _

from registry.models import Company, Region
from registry.roles import is_carrier
from registry.selectors import company_of

PERIODS = (
    ("12m", _("Last 12 months")),
    ("year", _("This year")),
    ("last_year", _("Last year")),
    ("quarter", _("This quarter")),
    ("month", _("This month")),
)
DEFAULT_PERIOD = "12m"


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def period_bounds(period: str, today: date) -> tuple[date, date]:
    """[start, end) of ``period`` around ``today``: whole months."""
    month = today.replace(day=1)
    if period == "year":
        return date(today.year, 1, 1), date(today.year + 1, 1, 1)
    if period == "last_year":
        return date(today.year - 1, 1, 1), date(today.year, 1, 1)
    if period == "quarter":
        first = _add_months(month, -((today.month - 1) % 3))
        return first, _add_months(first, 3)
    if period == "month":
        return month, _add_months(month, 1)
    return _add_months(month, -11), _add_months(month, 1)


class DashboardFilterSet(django_filters.FilterSet):
    """Not a queryset filter: its cleaned values make the panels' ``Scope``."""

    period = django_filters.ChoiceFilter(
        label=_("Period"), choices=PERIODS, empty_label=None, method="keep"
    )
    company = django_filters.ModelChoiceFilter(
        label=_("Company"), queryset=Company.objects.none(), method="keep"
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region"), queryset=Region.objects.all(), method="keep"
    )

    class Meta:
        model = Company
        fields = ["period", "company", "region"]

    def __init__(self, data=None, *args, user, **kwargs):
        super().__init__(data, *args, queryset=Company.objects.none(), **kwargs)
        self.user = user
        if is_carrier(user):
            self.filters["company"].queryset = Company.objects.all()
        else:
            company = company_of(user)
            pk = company.pk if company else None
            self.filters["company"].queryset = Company.objects.filter(pk=pk)

    def keep(self, queryset, name, value):
        return queryset

    def company_refused(self) -> bool:
        """A company was asked for that is not among the user's choices."""
        return bool(self.data.get("company")) and "company" in self.form.errors

    def values(self) -> dict:
        """period, company (or None), region (or None) from valid input."""
        cleaned = self.form.cleaned_data if self.form.is_valid() else {}
        return {
            "period": cleaned.get("period") or DEFAULT_PERIOD,
            "company": cleaned.get("company"),
            "region": cleaned.get("region"),
        }
