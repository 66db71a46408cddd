"""The fault tickets a dashboard counts: dispatched in the period, of the
scope's companies, at a site of the chosen region; counted per month for the
trend and per company and site for the SLA panel.

Every query reads the ticket's covering index (``fault_ticket_dashboard``:
dispatched time first, then every column counted). For every company (the
carrier's default) the months need no join to the request table: a month a
``UNION ALL`` part, each a range of that index summed as it is read (a GROUP
BY on a month bucket made SQLite sort every ticket of the year), and the SLA
panel groups by company and site alone. A company or region condition joins
every ticket of the period to its request anyway: then one query grouped by
company, site and month serves both panels (``Scope.memo``).
"""

from django.db.models import Count, Q, Value
from django.utils import timezone

from registry.models import Site
from workflows.faults.models import FaultTicket

from ..periods import month_bucket, within
from ..registry import Scope

CLOSED = Q(state=FaultTicket.State.CLOSED)
COUNTS = ("tickets", "closed", "on_time", "overdue")


def tickets_in(scope: Scope, *, start=None, end=None):
    """The scope's tickets dispatched in [start, end) (the period's by
    default). Without a company or region condition (the carrier, every
    company) the query never joins the request table."""
    rows = FaultTicket.objects.filter(
        within("dispatched_at", start or scope.start, end or scope.end),
        scope.companies_q(),
    )
    if scope.region_ids:
        sites = Site.objects.filter(region_id__in=scope.region_ids).values("pk")
        rows = rows.filter(site_id__in=sites)
    return rows.order_by()


def late() -> Q:
    """Overdue as the ticket list shows it: flagged, or open past its limit."""
    return Q(overdue=True) | Q(restored_at__isnull=True, sla_due_at__lt=timezone.now())


def _counts() -> dict:
    return {
        "tickets": Count("pk"),
        "closed": Count("pk", filter=CLOSED),
        "on_time": Count("pk", filter=CLOSED & Q(overdue=False)),
        "overdue": Count("pk", filter=late()),
    }


def _joined(scope: Scope) -> bool:
    return bool(scope.region_ids) or not scope.every_company


def _groups(scope: Scope) -> list[dict]:
    """Counts per (company, site, month of the period): one query."""

    def read():
        return list(
            tickets_in(scope)
            .annotate(bucket=month_bucket("dispatched_at", scope.months, scope.end))
            .values("company_id", "site_id", "bucket")
            .annotate(**_counts())
        )

    return scope.memo("ticket_groups", read)


def _summed(groups: list[dict], key) -> dict:
    totals: dict = {}
    for group in groups:
        total = totals.setdefault(key(group), dict.fromkeys(COUNTS, 0))
        for name in COUNTS:
            total[name] += group[name]
    return totals


def ticket_months(scope: Scope) -> list[dict]:
    """The counts of each month of the period, oldest first (zeros too): one
    query (a ``UNION ALL`` part a month, when it needs no join)."""
    if _joined(scope):
        found = _summed(_groups(scope), lambda group: group["bucket"])
        return [
            found.get(index, dict.fromkeys(COUNTS, 0))
            for index in range(len(scope.months))
        ]
    edges = [scope.start, *scope.months[1:], scope.end]
    parts = [
        tickets_in(scope, start=first, end=after)
        .annotate(bucket=Value(index))
        .values("bucket")
        .annotate(**_counts())
        .values("bucket", *COUNTS)
        for index, (first, after) in enumerate(zip(edges[:-1], edges[1:], strict=True))
    ]
    found = {row["bucket"]: row for row in parts[0].union(*parts[1:], all=True)}
    return [
        {name: found.get(index, {}).get(name) or 0 for name in COUNTS}
        for index in range(len(parts))
    ]


def ticket_sites(scope: Scope) -> list[dict]:
    """The counts per (company, site) of the period: one grouped query."""
    if _joined(scope):
        found = _summed(
            _groups(scope), lambda group: (group["company_id"], group["site_id"])
        )
        return [
            {"company_id": company_id, "site_id": site_id, **counts}
            for (company_id, site_id), counts in found.items()
        ]
    return list(tickets_in(scope).values("company_id", "site_id").annotate(**_counts()))
