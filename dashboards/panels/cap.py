"""Staff-change cap usage per contract: positions used against those allowed,
by the staff-change flow's own rule (``cap_usage_by_contract``)."""

from django.utils.translation import gettext_lazy as _

from registry.models import Contract
from workflows.staff_change.selectors import cap_usage_by_contract

from ..charts import category_chart, empty_chart, series
from ..periods import percent
from ..registry import Column, Panel, Scope, register_panel

COLUMNS = (
    Column("contract", _("Contract"), numeric=False),
    Column("company", _("Company"), numeric=False),
    Column("headcount", _("Contracted headcount")),
    Column("allowed", _("Changes allowed")),
    Column("used", _("Changes used")),
    Column("usage", _("Cap used (%)")),
)


def contracts_in(scope: Scope):
    """Contracts of the scope's companies whose period overlaps the period."""
    rows = Contract.objects.filter(
        company_id__in=scope.company_ids,
        period_start__lt=scope.end,
        period_end__gte=scope.start,
    )
    if scope.region_ids:
        rows = rows.filter(regions__in=scope.region_ids).distinct()
    return rows.only("pk", "number", "company_id", "headcount").order_by(
        "company_id", "number"
    )


def cap_rows(scope: Scope) -> list[dict]:
    contracts = list(contracts_in(scope))
    usage = cap_usage_by_contract(contracts)
    return [
        {
            "contract": contract.number,
            "company": scope.company_name(contract.company_id),
            "headcount": contract.headcount,
            "allowed": usage[contract.pk].allowed,
            "used": usage[contract.pk].used,
            "usage": percent(usage[contract.pk].used, usage[contract.pk].allowed),
        }
        for contract in contracts
    ]


def cap_chart(rows: list[dict]) -> dict:
    if not rows:
        return empty_chart()
    return category_chart(
        [row["contract"] for row in rows],
        [
            series(COLUMNS[3].label, (r["allowed"] for r in rows)),
            series(COLUMNS[4].label, (r["used"] for r in rows)),
        ],
    )


register_panel(
    Panel(
        key="cap",
        title=_("Staff-change cap per contract"),
        description=_(
            "Positions changed (approved or in flight) against the cap the "
            "rules allow for each contract."
        ),
        rows=cap_rows,
        columns=COLUMNS,
        chart=cap_chart,
        order=30,
    )
)
