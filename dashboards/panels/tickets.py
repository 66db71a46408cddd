"""The fault tickets a dashboard counts: dispatched in the period, of the
scope's companies, at a site of the chosen region; counted once per answer,
grouped by company, site and month, for the trend and the SLA panels."""

from django.db.models import Count, Q
from django.utils import timezone

from registry.models import Site
from workflows.faults.models import FaultTicket

from ..periods import month_bucket, within
from ..registry import Scope

CLOSED = Q(state=FaultTicket.State.CLOSED)
COUNTS = ("tickets", "closed", "on_time", "overdue")


def tickets_in(scope: Scope):
    rows = FaultTicket.objects.filter(
        within("dispatched_at", scope.start, scope.end), scope.companies_q()
    )
    if scope.region_ids:
        sites = Site.objects.filter(region_id__in=scope.region_ids).values("pk")
        rows = rows.filter(site_id__in=sites)
    return rows.order_by()


def late() -> Q:
    """Overdue as the ticket list shows it: flagged, or open past its limit."""
    return Q(overdue=True) | Q(restored_at__isnull=True, sla_due_at__lt=timezone.now())


def ticket_groups(scope: Scope) -> list[dict]:
    """Counts per (company, site, month of the period): one query, read from
    the covering indexes of the ticket and request tables (migrations)."""

    def read():
        return list(
            tickets_in(scope)
            .annotate(bucket=month_bucket("dispatched_at", scope.months, scope.end))
            .values("company_id", "site_id", "bucket")
            .annotate(
                tickets=Count("pk"),
                closed=Count("pk", filter=CLOSED),
                on_time=Count("pk", filter=CLOSED & Q(overdue=False)),
                overdue=Count("pk", filter=late()),
            )
        )

    return scope.memo("ticket_groups", read)
