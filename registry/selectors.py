"""The one place that scopes company-owned data to the user asking.

Carrier users see every company; a contractor user sees only the company of their
membership; anyone else sees nothing. Every view, API endpoint and admin list
reads company-owned rows through these functions.
"""

from django.db.models import QuerySet

from .facts import user_fact
from .memo import per_user
from .models import Company, Contract, Membership, Site, StaffMember
from .roles import is_carrier

# Who may open the staff roster and the site list at all (and their pages).
VIEW_STAFF = "registry.view_staffmember"
VIEW_SITES = "registry.view_site"


def company_of(user) -> Company | None:
    """The contractor company ``user`` belongs to, if any: read once per
    request, never from the facts cache, since it scopes every query (a cached
    one would outlive a membership changed by a bulk update)."""
    if not user.is_authenticated:
        return None

    def read() -> Company | None:
        membership = Membership.objects.select_related("company").filter(user=user)
        membership = membership.first()
        return membership.company if membership else None

    return per_user(user, "company", read)


def company_shown(user) -> Company | None:
    """The company the page shell names beside the user's roles: cached with
    the user's facts (``registry.facts``), for showing only."""
    if not user.is_authenticated:
        return None
    return user_fact(user, "shown_company", lambda: company_of(user))


def _scoped(queryset: QuerySet, user, company_field: str) -> QuerySet:
    if is_carrier(user):
        return queryset
    company = company_of(user)
    if company is None:
        return queryset.none()
    return queryset.filter(**{company_field: company.pk})


def companies_for_user(user) -> QuerySet[Company]:
    return _scoped(Company.objects.all(), user, "pk")


def contracts_for_user(user) -> QuerySet[Contract]:
    return _scoped(Contract.objects.select_related("company"), user, "company")


def staff_for_user(user) -> QuerySet[StaffMember]:
    return _scoped(
        StaffMember.objects.select_related("company", "contract"), user, "company"
    )


def sites_for_user(user) -> QuerySet[Site]:
    return _scoped(
        Site.objects.select_related("region", "maintained_by"), user, "maintained_by"
    )
