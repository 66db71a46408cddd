"""Who may see and who may change the ledgers, and which rows."""

from django.db.models import Prefetch, QuerySet

from registry.roles import Role, is_carrier, roles_of
from registry.selectors import _scoped, company_of

from .models import Asset, Key, KeyLoan, Part

ACTING_ROLES = frozenset({Role.CONTRACTOR_MANAGER, Role.CONTRACTOR_ENGINEER})


def may_view(user) -> bool:
    """The carrier, and anyone of a contractor company (for its own items)."""
    return is_carrier(user) or company_of(user) is not None


def may_act(user) -> bool:
    """Moves, sign-outs and changes: the carrier, contractor managers and engineers."""
    if is_carrier(user):
        return True
    return company_of(user) is not None and bool(roles_of(user) & ACTING_ROLES)


def parts_for_user(user) -> QuerySet[Part]:
    return _scoped(Part.objects.select_related("holder", "site"), user, "holder")


def open_loans() -> Prefetch:
    loans = KeyLoan.objects.filter(returned_at__isnull=True).select_related("person")
    return Prefetch("loans", queryset=loans, to_attr="open_loans")


def keys_for_user(user) -> QuerySet[Key]:
    keys = Key.objects.select_related("holder", "site").prefetch_related(open_loans())
    return _scoped(keys, user, "holder")


def loans_for_user(user) -> QuerySet[KeyLoan]:
    loans = KeyLoan.objects.select_related("key__site", "key__holder", "person")
    return _scoped(loans, user, "key__holder")


def assets_for_user(user) -> QuerySet[Asset]:
    assets = Asset.objects.select_related("site__maintained_by")
    return _scoped(assets, user, "site__maintained_by")
