"""Shapes other apps' selectors answer in, turned into panel rows.

The panels still to come read selectors of their own apps:
``obligation_counts(*, company_ids, start, end) -> {company_id: {...}}`` and
``monthly_scores(*, company_ids, start, end) -> [(company_id, month, ...)]``.
These helpers make rows of either shape, named and ordered like the
built-in panels' rows, so such a panel module is a few lines (``registry.py``).
"""

from collections.abc import Iterable, Mapping

from .periods import month_label
from .registry import Scope


def per_company_rows(scope: Scope, counts: Mapping[int, Mapping]) -> list[dict]:
    """``{company_id: {name: value}}`` as rows, companies in the scope's order."""
    return [
        {"company": scope.company_name(pk), **counts[pk]}
        for pk in scope.company_ids
        if pk in counts
    ]


def tuple_rows(scope: Scope, rows: Iterable[tuple], names: tuple[str, ...]):
    """Tuples whose first item is a company id, as rows named by ``names`` (the
    company's name for the first; a ``date`` becomes its month label)."""
    found = []
    for row in rows:
        values = dict(zip(names, row, strict=True))
        values[names[0]] = scope.company_name(row[0])
        found.append(
            {
                key: month_label(value) if hasattr(value, "month") else value
                for key, value in values.items()
            }
        )
    return found
