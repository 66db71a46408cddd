"""What every ledger operation shares: the rights, the scoped rows, the filters."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from ledgers import access
from registry.roles import is_carrier

from ..errors import READS
from ..filters import filter_data, filtered

SEEN = (403, *READS)
NO_SITE = _("No such site.")


def view_check(user) -> None:
    if not access.may_view(user):
        raise PermissionDenied


def act_check(user) -> None:
    if not access.may_act(user):
        raise PermissionDenied


def rows_listed(request, filterset_class, selector, query):
    """The user's rows of one ledger through the page's FilterSet."""
    user = request.user
    view_check(user)
    data = filter_data(query)
    if not is_carrier(user):  # as the page: no company to choose
        data = {k: v for k, v in data.items() if k not in ("holder", "company")}
    rows = filterset_class(data, queryset=selector(user), request=request)
    return filtered(rows)


def site_among(sites, site_id: int | None):
    """The site ``site_id`` among ``sites`` (None for none); else a 422."""
    if site_id is None:
        return None
    site = sites.filter(pk=site_id).first()
    if site is None:
        raise ValidationError({"site_id": [NO_SITE]})
    return site


def row_one(user, selector, pk: int):
    view_check(user)
    return get_object_or_404(selector(user), pk=pk)
