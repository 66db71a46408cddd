"""Findings as a list: the carrier sees every company's, a contractor its own."""

import django_filters
from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView

from home.models.sla import FaultLevel, SlaMode
from registry.calendar import local_today
from registry.models import Company, Site
from registry.roles import is_carrier
from registry.selectors import companies_for_user, company_of, sites_for_user
from workflows.faults.steps import DISPATCH

from .models import Finding
from .selectors import findings_for, may_see_inspections


class FindingFilter(django_filters.FilterSet):
    site = django_filters.ModelChoiceFilter(
        label=_("Site"), queryset=Site.objects.none()
    )
    company = django_filters.ModelChoiceFilter(
        label=_("Company"), queryset=Company.objects.none()
    )
    source = django_filters.ChoiceFilter(
        label=_("Source"), choices=Finding.Source.choices
    )
    open_only = django_filters.BooleanFilter(
        label=_("Open only"), method="filter_open", widget=forms.CheckboxInput
    )

    class Meta:
        model = Finding
        fields = ["site", "company", "source"]

    def __init__(self, data=None, *, user, **kwargs):
        super().__init__(data, queryset=findings_for(user), **kwargs)
        self.filters["site"].queryset = sites_for_user(user)
        self.filters["company"].queryset = companies_for_user(user)
        if not is_carrier(user):
            del self.filters["company"]

    def filter_open(self, queryset, name, value):
        return queryset.filter(resolved_at__isnull=True) if value else queryset


class FindingListView(LoginRequiredMixin, ListView):
    template_name = "inspection/findings.html"
    paginate_by = 50
    context_object_name = "findings"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not may_see_inspections(user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        self.filterset = FindingFilter(self.request.GET or None, user=self.request.user)
        bound = self.filterset.is_bound
        findings = self.filterset.qs if bound else self.filterset.queryset
        return findings.order_by("resolved_at", "-created_at", "-pk")

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        user = self.request.user
        may_follow_up = company_of(user) is not None and user.has_perm(
            "inspection.add_execution"
        )
        return super().get_context_data(
            filter=self.filterset,
            query=query.urlencode(),
            may_follow_up=may_follow_up,
            carrier=is_carrier(user),
            follow_ups=[
                (value, label)
                for value, label in Finding.FollowUp.choices
                if value != Finding.FollowUp.TICKET
            ],
            may_open_ticket=user.has_perm(DISPATCH.permission),
            levels=FaultLevel.choices,
            modes=SlaMode.choices,
            today=local_today(),
            **kwargs,
        )
