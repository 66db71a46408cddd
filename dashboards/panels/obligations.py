"""Obligations on time: work logs and reports due in the period, per company,
on time, late and missing (``workflows.obligations.selectors``)."""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from workflows.obligations.selectors import obligation_counts

from ..adapters import per_company_rows
from ..charts import category_chart, empty_chart, series
from ..registry import Column, Panel, Scope, register_panel

COLUMNS = (
    Column("company", _("Company"), numeric=False),
    Column("due", _("Due")),
    Column("on_time", _("On time")),
    Column("late", _("Late")),
    Column("missing", _("Missing")),
)


def obligation_rows(scope: Scope) -> list[dict]:
    """Due in ``[start, end)``: the selector takes the last day itself."""
    last_day = scope.end - timedelta(days=1)
    counts = obligation_counts(
        company_ids=scope.company_ids, start=scope.start, end=last_day
    )
    return per_company_rows(scope, counts)


def obligation_chart(rows: list[dict]) -> dict:
    if not any(row["due"] for row in rows):
        return empty_chart()
    return category_chart(
        [row["company"] for row in rows],
        [
            series(column.label, (row[column.key] for row in rows), stack="due")
            for column in COLUMNS[2:]
        ],
    )


register_panel(
    Panel(
        key="obligations",
        title=_("Obligations on time"),
        description=_(
            "Work logs and reports due in the period: on time, late and missing."
        ),
        rows=obligation_rows,
        columns=COLUMNS,
        chart=obligation_chart,
        uses_region=False,
        order=70,
    )
)
