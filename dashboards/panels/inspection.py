"""Inspection plan progress: planned, done and missed in the period's months,
per company, from the inspection app's own table (``progress_table``)."""

from django.utils.translation import gettext_lazy as _

from workflows.inspection.progress import progress_table

from ..charts import category_chart, empty_chart, series
from ..periods import percent
from ..registry import Column, Panel, Scope, register_panel

COLUMNS = (
    Column("company", _("Company"), numeric=False),
    Column("planned", _("Planned")),
    Column("done", _("Done")),
    Column("missed", _("Missed")),
    Column("progress", _("Done (%)")),
)


def inspection_rows(scope: Scope) -> list[dict]:
    """Two queries per calendar year the period touches (at most two)."""
    months = {(m.year, m.month) for m in scope.months}
    totals: dict[int, dict] = {}
    for year in sorted({year for year, _m in months}):
        for row in progress_table(user=scope.user, year=year, today=scope.today):
            if row.company.pk not in scope.companies:
                continue
            total = totals.setdefault(
                row.company.pk, {"planned": 0, "done": 0, "missed": 0}
            )
            for month, cell in row.months.items():
                if (year, month) in months:
                    total["planned"] += cell.planned
                    total["done"] += cell.done
                    total["missed"] += cell.missed
    return [
        {"company": scope.company_name(pk), **total}
        | {"progress": percent(total["done"], total["planned"])}
        for pk, total in sorted(totals.items())
    ]


def inspection_chart(rows: list[dict]) -> dict:
    if not rows:
        return empty_chart()
    stack = {"stack": "plan"}
    return category_chart(
        [row["company"] for row in rows],
        [
            series(COLUMNS[2].label, (r["done"] for r in rows), **stack),
            series(COLUMNS[3].label, (r["missed"] for r in rows), **stack),
            series(
                _("Still to do"),
                (r["planned"] - r["done"] - r["missed"] for r in rows),
                **stack,
            ),
        ],
    )


register_panel(
    Panel(
        key="inspection",
        title=_("Inspection plan progress"),
        description=_("Inspections of approved plans in the period's months."),
        rows=inspection_rows,
        columns=COLUMNS,
        chart=inspection_chart,
        uses_region=False,
        order=50,
    )
)
