"""The ledger lists' filters: site, state, company (carrier only), overdue."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.calendar import local_today
from registry.selectors import companies_for_user, sites_for_user

from . import access
from .models import Asset, AssetEvent, Key, KeyLoan, Part, PartMove, PartState

ONLY = [("1", _("Only these"))]
ONLY_OR_NOT = [("1", _("Only removed")), ("0", _("Only present"))]


def _sites(request):
    return (
        sites_for_user(request.user)
        .select_related(None)
        .only("code", "name_zh", "name_en")
    )


def _companies(request):
    return companies_for_user(request.user)


class PartFilter(django_filters.FilterSet):
    site = django_filters.ModelChoiceFilter(label=_("Site"), queryset=_sites)
    state = django_filters.ChoiceFilter(label=_("State"), choices=PartState.choices)
    holder = django_filters.ModelChoiceFilter(label=_("Company"), queryset=_companies)
    overdue = django_filters.ChoiceFilter(
        label=_("Broken, past its repair due day"),
        method="filter_overdue",
        choices=ONLY,
    )

    class Meta:
        model = Part
        fields = ["site", "state", "holder", "overdue"]

    def filter_overdue(self, queryset, name, value):
        if value:
            return queryset.filter(state=PartState.BROKEN, repair_due__lt=local_today())
        return queryset


class KeyFilter(django_filters.FilterSet):
    site = django_filters.ModelChoiceFilter(label=_("Site"), queryset=_sites)
    holder = django_filters.ModelChoiceFilter(label=_("Company"), queryset=_companies)
    overdue = django_filters.ChoiceFilter(
        label=_("Overdue"),
        method="filter_overdue",
        choices=ONLY,
    )

    class Meta:
        model = Key
        fields = ["site", "holder", "overdue"]

    def filter_overdue(self, queryset, name, value):
        if value:
            return queryset.filter(
                loans__returned_at__isnull=True, loans__due_back__lt=timezone.now()
            )
        return queryset


class AssetFilter(django_filters.FilterSet):
    site = django_filters.ModelChoiceFilter(label=_("Site"), queryset=_sites)
    company = django_filters.ModelChoiceFilter(
        label=_("Company"), queryset=_companies, field_name="site__maintained_by"
    )
    removed = django_filters.ChoiceFilter(
        label=_("Removed"), method="filter_removed", choices=ONLY_OR_NOT
    )

    class Meta:
        model = Asset
        fields = ["site", "company", "removed"]

    def filter_removed(self, queryset, name, value):
        return queryset.filter(removed=value == "1")


def _parts(request):
    return access.parts_for_user(request.user)


def _keys(request):
    return access.keys_for_user(request.user)


def _assets(request):
    return access.assets_for_user(request.user)


class PartMoveFilter(django_filters.FilterSet):
    part = django_filters.ModelChoiceFilter(label=_("Part"), queryset=_parts)
    to_state = django_filters.ChoiceFilter(label=_("To"), choices=PartState.choices)

    class Meta:
        model = PartMove
        fields = ["part", "to_state"]


class KeyLoanFilter(django_filters.FilterSet):
    key = django_filters.ModelChoiceFilter(label=_("Key"), queryset=_keys)
    open = django_filters.BooleanFilter(
        label=_("Not signed in yet"), field_name="returned_at", lookup_expr="isnull"
    )

    class Meta:
        model = KeyLoan
        fields = ["key", "open"]


class AssetEventFilter(django_filters.FilterSet):
    asset = django_filters.ModelChoiceFilter(label=_("Asset"), queryset=_assets)
    kind = django_filters.ChoiceFilter(
        label=_("Change"), choices=AssetEvent.Kind.choices
    )

    class Meta:
        model = AssetEvent
        fields = ["asset", "kind"]


def without_company(filterset):
    """A contractor sees only its own company: no company filter to choose."""
    for name in ("holder", "company"):
        filterset.form.fields.pop(name, None)
    return filterset
