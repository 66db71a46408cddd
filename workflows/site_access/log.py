"""The visit log (出入记录) per site: the carrier filters every company's visits,
a contractor sees its own company's only."""

import datetime

import django_filters
from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from viewflow.workflow.status import PROCESS

from registry.models import Company, Site
from registry.roles import is_carrier
from registry.selectors import companies_for_user, sites_for_user

from .models import SiteVisit
from .selectors import may_see_visit_log, visits_for

DATE = forms.DateInput(attrs={"type": "date"})


class VisitLogFilter(django_filters.FilterSet):
    site = django_filters.ModelChoiceFilter(
        label=_("Site"), queryset=Site.objects.none()
    )
    company = django_filters.ModelChoiceFilter(
        label=_("Company"), queryset=Company.objects.none()
    )
    day_from = django_filters.DateFilter(
        label=_("From"), method="filter_from", widget=DATE
    )
    day_to = django_filters.DateFilter(
        label=_("Until"), method="filter_to", widget=DATE
    )
    overdue = django_filters.BooleanFilter(
        label=_("Overdue only"),
        method="filter_overdue",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = SiteVisit
        fields = ["site", "company"]

    def __init__(self, data=None, *, user, **kwargs):
        super().__init__(data, queryset=visits_for(user), **kwargs)
        self.filters["site"].queryset = sites_for_user(user)
        self.filters["company"].queryset = companies_for_user(user)
        if not is_carrier(user):
            del self.filters["company"]

    def filter_from(self, queryset, name, value):
        start = timezone.make_aware(datetime.datetime.combine(value, datetime.time()))
        return queryset.filter(window_end__gte=start)

    def filter_to(self, queryset, name, value):
        end = timezone.make_aware(
            datetime.datetime.combine(
                value + datetime.timedelta(days=1), datetime.time()
            )
        )
        return queryset.filter(window_start__lt=end)

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        late = Q(status=PROCESS.NEW, window_end__lt=timezone.now())
        return queryset.filter(late | Q(overdue_at__isnull=False))


class VisitLogView(LoginRequiredMixin, ListView):
    template_name = "site_access/log.html"
    paginate_by = 50
    context_object_name = "visits"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not may_see_visit_log(user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        self.filterset = VisitLogFilter(
            self.request.GET or None, user=self.request.user
        )
        visits = (
            self.filterset.qs if self.filterset.is_bound else self.filterset.queryset
        )
        return visits.prefetch_related("visitors__staff").order_by(
            "-window_start", "-pk"
        )

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            filter=self.filterset, query=query.urlencode(), **kwargs
        )
