"""The ticket list's filters: level, state, overdue, site, company."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.models.sla import FaultLevel
from registry.models import Company, Site
from registry.roles import is_carrier
from registry.selectors import company_of

from .models import FaultTicket


class TicketFilterSet(django_filters.FilterSet):
    level = django_filters.ChoiceFilter(
        label=_("Fault level"), choices=FaultLevel.choices
    )
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=FaultTicket.State.choices
    )
    overdue = django_filters.ChoiceFilter(
        label=_("SLA"),
        choices=[("overdue", _("Overdue")), ("warning", _("Warned"))],
        method="filter_sla",
    )
    site = django_filters.ModelChoiceFilter(
        label=_("Site"), queryset=Site.objects.none()
    )
    company = django_filters.ModelChoiceFilter(
        label=_("Company"), queryset=Company.objects.none()
    )

    class Meta:
        model = FaultTicket
        fields = ["level", "state", "overdue", "site", "company"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        sites = Site.objects.all()
        if is_carrier(user):
            self.filters["company"].queryset = Company.objects.all()
        else:
            del self.filters["company"]
            company = company_of(user)
            sites = sites.filter(maintained_by=company) if company else sites.none()
        self.filters["site"].queryset = sites

    def filter_sla(self, queryset, name, value):
        now = timezone.now()
        late = Q(overdue=True) | Q(restored_at__isnull=True, sla_due_at__lte=now)
        if value == "overdue":
            return queryset.filter(late)
        return queryset.filter(
            Q(warned_at__isnull=False)
            | Q(restored_at__isnull=True, warning_at__lte=now)
        ).exclude(late)
