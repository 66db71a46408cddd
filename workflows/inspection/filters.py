"""The filter of the inspections carried out (the API's list)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from registry.models import Company, Site
from registry.roles import is_carrier
from registry.selectors import companies_for_user, sites_for_user

from .models import Execution
from .selectors import executions_for


class ExecutionFilter(django_filters.FilterSet):
    site = django_filters.ModelChoiceFilter(
        label=_("Site"), field_name="row__site", queryset=Site.objects.none()
    )
    company = django_filters.ModelChoiceFilter(
        label=_("Company"), queryset=Company.objects.none()
    )
    plan = django_filters.NumberFilter(label=_("Plan"), field_name="row__plan")
    submitted = django_filters.BooleanFilter(
        label=_("Submitted"),
        field_name="submitted_at",
        exclude=True,
        lookup_expr="isnull",
    )

    class Meta:
        model = Execution
        fields = ["site", "company", "plan", "submitted"]

    def __init__(self, data=None, *, user, **kwargs):
        super().__init__(data, queryset=executions_for(user), **kwargs)
        self.filters["site"].queryset = sites_for_user(user)
        self.filters["company"].queryset = companies_for_user(user)
        if not is_carrier(user):
            del self.filters["company"]
