"""SLA compliance and overdue tickets by company and region.

Compliance is the share of closed tickets restored within their limit
(on time / closed); overdue counts every ticket flagged overdue or still
open past its limit.
"""

from collections import defaultdict

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from registry.models import Region

from ..charts import category_chart, empty_chart, series
from ..periods import percent
from ..registry import Column, Panel, Scope, register_panel
from .tickets import CLOSED, late, tickets_in

COLUMNS = (
    Column("company", _("Company"), numeric=False),
    Column("region", _("Region"), numeric=False),
    Column("tickets", _("Tickets")),
    Column("closed", _("Closed")),
    Column("on_time", _("Closed on time")),
    Column("compliance", _("SLA compliance (%)")),
    Column("overdue", _("Overdue")),
)


def sla_rows(scope: Scope) -> list[dict]:
    """One grouped query (company × region) and the regions' names."""
    counts = list(
        tickets_in(scope)
        .values("company_id", "site__region_id")
        .annotate(
            tickets=Count("pk"),
            closed=Count("pk", filter=CLOSED),
            on_time=Count("pk", filter=CLOSED & Q(overdue=False)),
            overdue=Count("pk", filter=late()),
        )
        .order_by("company_id", "site__region_id")
    )
    regions = Region.objects.in_bulk({row["site__region_id"] for row in counts})
    return [
        {
            "company": scope.company_name(row["company_id"]),
            "region": str(regions.get(row["site__region_id"]) or "—"),
            "tickets": row["tickets"],
            "closed": row["closed"],
            "on_time": row["on_time"],
            "compliance": percent(row["on_time"], row["closed"]),
            "overdue": row["overdue"],
        }
        for row in counts
    ]


def sla_chart(rows: list[dict]) -> dict:
    """Per company (regions summed): compliance on the % axis, overdue bars."""
    if not rows:
        return empty_chart()
    totals = defaultdict(lambda: [0, 0, 0])
    for row in rows:
        total = totals[row["company"]]
        total[0] += row["on_time"]
        total[1] += row["closed"]
        total[2] += row["overdue"]
    names = list(totals)
    return category_chart(
        names,
        [
            series(
                COLUMNS[5].label,
                (percent(on_time, closed) for on_time, closed, _o in totals.values()),
                yAxisIndex=1,
            ),
            series(COLUMNS[6].label, (t[2] for t in totals.values())),
        ],
        percent=True,
    )


register_panel(
    Panel(
        key="sla",
        title=_("SLA compliance and overdue"),
        description=_(
            "Closed tickets restored within their limit, and overdue tickets, "
            "by company and region."
        ),
        rows=sla_rows,
        columns=COLUMNS,
        chart=sla_chart,
        order=20,
    )
)
