"""Work-order trend: tickets dispatched, closed and overdue per month."""

from django.utils.translation import gettext_lazy as _

from ..charts import category_chart, empty_chart, series
from ..periods import month_label
from ..registry import Column, Panel, Scope, register_panel
from .tickets import ticket_months

COLUMNS = (
    Column("month", _("Month"), numeric=False),
    Column("dispatched", _("Dispatched")),
    Column("closed", _("Closed")),
    Column("overdue", _("Overdue")),
)


def trend_rows(scope: Scope) -> list[dict]:
    """Every month of the period has a row (zeros too)."""
    return [
        {
            "month": month_label(first),
            "dispatched": counts["tickets"],
            "closed": counts["closed"],
            "overdue": counts["overdue"],
        }
        for first, counts in zip(scope.months, ticket_months(scope), strict=True)
    ]


def trend_chart(rows: list[dict]) -> dict:
    if not any(row["dispatched"] for row in rows):
        return empty_chart()
    months = [row["month"] for row in rows]
    return category_chart(
        months,
        [
            series(COLUMNS[1].label, (r["dispatched"] for r in rows), "line"),
            series(COLUMNS[2].label, (r["closed"] for r in rows), "line"),
            series(COLUMNS[3].label, (r["overdue"] for r in rows), "bar"),
        ],
    )


register_panel(
    Panel(
        key="trend",
        title=_("Work-order trend"),
        description=_("Fault tickets dispatched each month, closed and overdue."),
        rows=trend_rows,
        columns=COLUMNS,
        chart=trend_chart,
        order=10,
    )
)
