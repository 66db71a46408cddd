"""Planned against done, per company and month of a year; a past month's
inspection not submitted is missed."""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from registry.models import Company

from .selectors import rows_for


@dataclass
class Cell:
    planned: int = 0
    done: int = 0
    missed: int = 0


@dataclass
class CompanyRow:
    company: object
    months: dict = field(default_factory=dict)  # month -> Cell


def progress_table(*, user, year: int, today) -> list[CompanyRow]:
    """Two queries: the counts grouped by company and month, the companies."""
    done = Q(execution__submitted_at__isnull=False)
    counts = (
        rows_for(user)
        .filter(plan__year=year)
        .values("plan__company_id", "month")
        .annotate(planned=Count("pk"), done=Count("pk", filter=done))
        .order_by("plan__company_id", "month")
    )
    counts = list(counts)
    companies = Company.objects.in_bulk({e["plan__company_id"] for e in counts})
    table: dict[int, CompanyRow] = {}
    for entry in counts:
        row = table.setdefault(
            entry["plan__company_id"], CompanyRow(companies[entry["plan__company_id"]])
        )
        past = (year, entry["month"]) < (today.year, today.month)
        missed = entry["planned"] - entry["done"] if past else 0
        row.months[entry["month"]] = Cell(entry["planned"], entry["done"], missed)
    return list(table.values())
