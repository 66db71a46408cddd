"""The dispatch board (调度台) of the monitoring centre: every open ticket with
its SLA countdown, coloured by warning and overdue, filtered by level, region,
company and state, kept live: each saved ticket is announced to the dispatch
step's group (chosen in the CMS) after commit, and the page fetches that row.
"""

import django_filters
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from home.models.sla import FaultLevel
from home.rules import current_rules
from registry.models import Company, Region
from registry.roles import is_carrier
from workflows.live.events import publish_on_commit
from workflows.live.groups import auth_group

from .models import FaultTicket
from .selectors import tickets_for
from .steps import DISPATCH

OPEN_STATES = [c for c in FaultTicket.State.choices if c[0] != "closed"]
BOARD_ROWS = 500


class BoardFilterSet(django_filters.FilterSet):
    level = django_filters.ChoiceFilter(
        label=_("Fault level"), choices=FaultLevel.choices
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region"), field_name="site__region", queryset=Region.objects.all()
    )
    company = django_filters.ModelChoiceFilter(
        label=_("Company"), queryset=Company.objects.all()
    )
    state = django_filters.ChoiceFilter(label=_("State"), choices=OPEN_STATES)

    class Meta:
        model = FaultTicket
        fields = ["level", "region", "company", "state"]


def may_see_board(user) -> bool:
    """Those who dispatch (the CMS step group) and the carrier."""
    return user.has_perm(DISPATCH.permission) or is_carrier(user)


def board_tickets(user, params):
    """The open tickets on the board under ``params`` (one query, any size)."""
    tickets = tickets_for(user).filter(finished__isnull=True).select_related("company")
    filters = BoardFilterSet(params, queryset=tickets)
    return filters, filters.qs.order_by("sla_due_at", "pk")


def _allowed(request):
    if not may_see_board(request.user):
        raise PermissionDenied


@require_safe
@login_required
def board(request):
    _allowed(request)
    filters, tickets = board_tickets(request.user, request.GET)
    context = {"filters": filters, "tickets": list(tickets[:BOARD_ROWS])}
    return render(request, "faults/board.html", context)


@require_safe
@login_required
def board_rows(request):
    """The rows as the board shows them: all, or one (``?pk=``, none if it
    left the board or the filters)."""
    _allowed(request)
    _, tickets = board_tickets(request.user, request.GET)
    pk = request.GET.get("pk", "")
    if pk.isdigit():
        tickets = tickets.filter(pk=int(pk))
    context = {"tickets": list(tickets[:BOARD_ROWS])}
    return render(request, "faults/_board_rows.html", context)


def ticket_saved(sender, instance, **kwargs) -> None:
    """``post_save`` of a ticket: tell the dispatchers' boards after commit."""
    group = DISPATCH.group_id(current_rules())
    publish_on_commit([auth_group(group)], {"fault": instance.pk})
