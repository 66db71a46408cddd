"""The fault tickets a dashboard counts: dispatched in the period, of the
scope's companies, at a site of the chosen region."""

from django.db.models import Q
from django.utils import timezone

from workflows.faults.models import FaultTicket

from ..periods import within
from ..registry import Scope


def tickets_in(scope: Scope):
    rows = FaultTicket.objects.filter(
        within("dispatched_at", scope.start, scope.end),
        company_id__in=scope.company_ids,
    )
    if scope.region_ids:
        rows = rows.filter(site__region_id__in=scope.region_ids)
    return rows.order_by()


def late() -> Q:
    """Overdue as the ticket list shows it: flagged, or open past its limit."""
    return Q(overdue=True) | Q(restored_at__isnull=True, sla_due_at__lt=timezone.now())


CLOSED = Q(state=FaultTicket.State.CLOSED)
