"""SLA compliance and overdue tickets by company and region.

Compliance is the share of closed tickets restored within their limit
(on time / closed); overdue counts every ticket flagged overdue or still
open past its limit.
"""

from collections import defaultdict

from django.utils.translation import gettext_lazy as _

from registry.models import Site

from ..charts import category_chart, empty_chart, series
from ..periods import percent
from ..registry import Column, Panel, Scope, register_panel
from .tickets import COUNTS, ticket_sites

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
    """The site groups summed per company and region (the sites' regions in
    one query)."""
    groups = ticket_sites(scope)
    sites = Site.objects.filter(pk__in={g["site_id"] for g in groups})
    region_of = {site.pk: site.region for site in sites.select_related("region")}
    totals: dict[tuple, dict] = {}
    for group in groups:
        region = region_of.get(group["site_id"])
        key = (group["company_id"], region.code if region else "", region)
        total = totals.setdefault(key, dict.fromkeys(COUNTS, 0))
        for name in COUNTS:
            total[name] += group[name]
    return [
        {
            "company": scope.company_name(company_id),
            "region": str(region or "—"),
            **total,
            "compliance": percent(total["on_time"], total["closed"]),
        }
        for (company_id, _code, region), total in sorted(
            totals.items(), key=lambda item: item[0][:2]
        )
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
