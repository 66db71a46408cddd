"""The working days a range of due decisions needs, read in one query."""

from datetime import date, timedelta

from home.rules import current_rules
from registry.calendar import working_days_in


def working_days_for(first: date, last: date, *, rules=None) -> list[date]:
    """Working days from ``first`` to past ``last`` by enough to reach any
    report's due day from a period ending on ``last`` (the longest CMS offset,
    at most two calendar days per working day plus a month). ``rules``: the
    obligation rules already read, if any."""
    rules = rules or current_rules().obligations
    reports = rules.reports.values()
    longest = max((due.offset for due in reports), default=0)
    return working_days_in(first, last + timedelta(days=2 * longest + 31))
