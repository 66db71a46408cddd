"""Reads of the dashboards: the scope a user's filters give, and every panel's
answer. Each panel aggregates in the database in a fixed number of queries."""

from registry.calendar import local_today
from registry.roles import is_carrier
from registry.selectors import companies_for_user

from .filters import period_bounds
from .registry import Panel, Scope, panels


def scope_for(*, user, period: str, company=None, region=None, today=None) -> Scope:
    """The companies ``user`` may see (narrowed to ``company``), the period."""
    today = today or local_today()
    companies = companies_for_user(user)
    if company is not None:
        companies = companies.filter(pk=company.pk)
    companies = {c.pk: c for c in companies.only("pk", "code", "name_zh", "name_en")}
    start, end = period_bounds(period, today)
    return Scope(
        company_ids=tuple(sorted(companies)),
        companies=companies,
        start=start,
        end=end,
        region_ids=(region.pk,) if region is not None else (),
        every_company=company is None and is_carrier(user),
        user=user,
        today=today,
    )


def panel_answer(panel: Panel, scope: Scope) -> dict:
    """One panel's rows, table columns and chart option, as the page needs."""
    rows = panel.rows(scope)
    return {
        "key": panel.key,
        "title": str(panel.title),
        "description": str(panel.description),
        "columns": [
            {"key": c.key, "label": str(c.label), "numeric": c.numeric}
            for c in panel.columns
        ],
        "rows": rows,
        "chart": panel.chart(rows),
        "uses_region": panel.uses_region,
    }


def dashboard_answer(scope: Scope) -> list[dict]:
    return [panel_answer(panel, scope) for panel in panels()]


def table_cells(answer: dict) -> list[list[tuple]]:
    """The answer's rows as (column, value) pairs in column order, for the
    page's table (``None`` stays None: the template shows a dash)."""
    columns = answer["columns"]
    return [[(c, row[c["key"]]) for c in columns] for row in answer["rows"]]
