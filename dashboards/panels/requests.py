"""Requests per flow: filed in the period, still open, approved, rejected.
Fault tickets have their own panels and are left out here."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.status import PROCESS

from registry.models import Site
from workflows.catalog import flows
from workflows.faults.flows import FaultFlow
from workflows.models import Request

from ..charts import category_chart, empty_chart, series
from ..periods import within
from ..registry import Column, Panel, Scope, register_panel

COLUMNS = (
    Column("flow", _("Flow"), numeric=False),
    Column("filed", _("Filed")),
    Column("open", _("Open")),
    Column("approved", _("Approved")),
    Column("rejected", _("Rejected")),
)


def requests_rows(scope: Scope) -> list[dict]:
    # By name, not ``exclude``: the (flow, created) index seeks each flow.
    kinds = [flow for flow in flows() if flow is not FaultFlow]
    rows = Request.objects.filter(
        within("created", scope.start, scope.end),
        scope.companies_q(),
        flow_class__in=kinds,
    )
    if scope.region_ids:
        sites = Site.objects.filter(region_id__in=scope.region_ids).values("pk")
        rows = rows.filter(site_id__in=sites)
    counts = (
        rows.values("flow_class")
        .annotate(
            filed=Count("pk"),
            open=Count("pk", filter=Q(status=PROCESS.NEW)),
            approved=Count("pk", filter=Q(outcome="approved")),
            rejected=Count("pk", filter=Q(outcome="rejected")),
        )
        .order_by("flow_class")
    )
    return [{"flow": str(row.pop("flow_class").process_title)} | row for row in counts]


def requests_chart(rows: list[dict]) -> dict:
    if not rows:
        return empty_chart()
    stack = {"stack": "outcome"}
    return category_chart(
        [row["flow"] for row in rows],
        [
            series(COLUMNS[2].label, (r["open"] for r in rows), **stack),
            series(COLUMNS[3].label, (r["approved"] for r in rows), **stack),
            series(COLUMNS[4].label, (r["rejected"] for r in rows), **stack),
        ],
    )


register_panel(
    Panel(
        key="requests",
        title=_("Requests per flow"),
        description=_("Requests filed in the period by flow, and where they stand."),
        rows=requests_rows,
        columns=COLUMNS,
        chart=requests_chart,
        order=60,
    )
)
