"""The panel registry: what a dashboard shows, one small module per panel.

A panel is a key, a title, a ``rows(scope)`` selector answering plain dicts in
a fixed number of queries, the table's columns (row key and heading) and a
``chart(rows)`` builder returning an ECharts option. The page draws every panel
alike (chart, accessible table, XLSX export, live refetch), so adding one is
one module, imported from ``dashboards/panels/__init__.py``::

    # dashboards/panels/obligations.py
    from workflows.obligations.selectors import obligation_counts

    from ..adapters import per_company_rows
    from ..charts import category_chart, empty_chart, series
    from ..registry import Column, Panel, register_panel

    COLUMNS = (Column("company", _("Company"), numeric=False),
               Column("due", _("Due")), Column("on_time", _("On time")),
               Column("late", _("Late")), Column("missing", _("Missing")))

    def rows(scope):
        return per_company_rows(scope, obligation_counts(
            company_ids=scope.company_ids, start=scope.start, end=scope.end))

    def chart(rows):
        if not rows:
            return empty_chart()
        names = [row["company"] for row in rows]
        return category_chart(names, [
            series(c.label, (r[c.key] for r in rows), stack="o")
            for c in COLUMNS[2:]])

    register_panel(Panel(key="obligations", title=_("Obligations on time"),
                         rows=rows, columns=COLUMNS, chart=chart,
                         uses_region=False, order=70))

and alike for ``monthly_scores`` with ``adapters.tuple_rows(scope, scores,
("company", "month", "score", "grade", "finalised"))``. The rows' values must
be JSON numbers or text (the page embeds them; the export writes them). For
the live refresh, ``dashboards/live.py`` connects ``post_save`` of the new
app's rows (a work-log entry, an assessment) to ``company_changed``, as it does
for a request's ``Transition`` (the other apps never import ``dashboards``).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

_FOUR_DAYS = timedelta(days=4)


@dataclass(frozen=True)
class Scope:
    """What one dashboard answer covers: the companies the user may see (after
    the company filter), the region filter, the period [start, end)."""

    company_ids: tuple[int, ...]
    companies: dict  # pk -> Company, the ones in company_ids
    start: date
    end: date  # exclusive
    region_ids: tuple[int, ...] = ()
    # Every company there is (the carrier, no company chosen): a panel may
    # leave out its company condition, the same rows for less work.
    every_company: bool = False
    user: object = None
    today: date | None = None
    # What panels of one answer share (``memo``): filled per answer, never
    # kept across requests.
    shared: dict = field(default_factory=dict, compare=False, repr=False)

    def memo(self, key: str, read: Callable[[], object]):
        """``read()`` once per scope: two panels over the same rows, one query."""
        if key not in self.shared:
            self.shared[key] = read()
        return self.shared[key]

    def companies_q(self, field: str = "company_id"):
        """The condition on ``field`` that keeps the scope's companies."""
        from django.db.models import Q

        return Q() if self.every_company else Q(**{f"{field}__in": self.company_ids})

    def company_name(self, pk) -> str:
        company = self.companies.get(pk)
        return company.name if company else ""

    @property
    def months(self) -> list[date]:
        """The first day of every month in the period, oldest first."""
        months, month = [], self.start.replace(day=1)
        while month < self.end:
            months.append(month)
            month = (month.replace(day=28) + _FOUR_DAYS).replace(day=1)
        return months


@dataclass(frozen=True)
class Column:
    key: str
    label: object  # a lazy translation
    numeric: bool = True


@dataclass(frozen=True)
class Panel:
    key: str
    title: object
    rows: Callable[[Scope], list[dict]]
    columns: Sequence[Column]
    chart: Callable[[list[dict]], dict]
    description: object = ""
    # Whether the region filter narrows this panel (a plan or a score has no
    # region): the page says so beside a panel that ignores it.
    uses_region: bool = True
    order: int = 100
    extra: dict = field(default_factory=dict)


_PANELS: dict[str, Panel] = {}


def register_panel(panel: Panel) -> Panel:
    """Add (or replace, on a module reload) ``panel``; keys are unique."""
    _PANELS[panel.key] = panel
    return panel


def panels() -> list[Panel]:
    return sorted(_PANELS.values(), key=lambda panel: (panel.order, panel.key))


def panel_of(key: str) -> Panel | None:
    return _PANELS.get(key)
