"""Work-order trend: tickets dispatched, closed and overdue per month."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from ..charts import category_chart, empty_chart, series
from ..periods import month_bucket, month_label
from ..registry import Column, Panel, Scope, register_panel
from .tickets import CLOSED, late, tickets_in

COLUMNS = (
    Column("month", _("Month"), numeric=False),
    Column("dispatched", _("Dispatched")),
    Column("closed", _("Closed")),
    Column("overdue", _("Overdue")),
)


def trend_rows(scope: Scope) -> list[dict]:
    """One grouped query; every month of the period has a row (zeros too)."""
    months = scope.months
    counts = (
        tickets_in(scope)
        .annotate(bucket=month_bucket("dispatched_at", months, scope.end))
        .values("bucket")
        .annotate(
            dispatched=Count("pk"),
            closed=Count("pk", filter=CLOSED),
            overdue=Count("pk", filter=late()),
        )
    )
    found = {row["bucket"]: row for row in counts}
    zero = {"dispatched": 0, "closed": 0, "overdue": 0}
    return [
        {"month": month_label(month)}
        | {key: found.get(index, zero)[key] for key in zero}
        for index, month in enumerate(months)
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
