"""Requests per flow: filed in the period, still open, approved, rejected.
Fault tickets have their own panels and are left out here."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.status import PROCESS

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
    rows = Request.objects.filter(
        within("created", scope.start, scope.end), company_id__in=scope.company_ids
    ).exclude(flow_class=FaultFlow)
    if scope.region_ids:
        rows = rows.filter(site__region_id__in=scope.region_ids)
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
