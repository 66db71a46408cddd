"""The SLA clock of a fault ticket, as plain decisions over a rules snapshot.

The limit of a ticket is the CMS matrix cell of its level, its site's region
tier and its mode, in clock hours (24-hour duty) from dispatch; the early
warning comes at the CMS share of that limit. A restored level 1 or 2 fault
needs a fault report within the ``fault_report`` time limit of restoring; a
ticket restored after its limit needs an overdue analysis within the
``overdue_analysis`` limit (both in the CMS deadlines).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from home.models.deadlines import DeadlineUnit, Obligation
from home.rules import deadline_for, sla_hours, sla_warning_hours
from registry.calendar import CALENDAR_ZONE, add_working_days

REPORT_LEVELS = (1, 2)


@dataclass(frozen=True)
class SlaClock:
    hours: Decimal
    warning_hours: Decimal
    due_at: datetime
    warning_at: datetime
    revision_id: int

    def as_record(self) -> dict:
        return {
            "topic": "sla",
            "revision_id": self.revision_id,
            "hours": str(self.hours),
            "warning_hours": str(self.warning_hours),
        }


def _hours(value: Decimal) -> timedelta:
    return timedelta(seconds=int(Decimal(value) * 3600))


def sla_clock(*, level: int, tier: str, mode: str, start: datetime, rules) -> SlaClock:
    """The limit and warning moment of a ticket dispatched at ``start``."""
    hours = sla_hours(level=level, tier=tier, mode=mode, rules=rules)
    warning = sla_warning_hours(level=level, tier=tier, mode=mode, rules=rules)
    return SlaClock(
        hours=hours,
        warning_hours=warning,
        due_at=start + _hours(hours),
        warning_at=start + _hours(warning),
        revision_id=rules.sla.revision_id,
    )


def is_overdue(*, due_at: datetime | None, at: datetime) -> bool:
    """Restored (or still open) at ``at`` after the limit ``due_at``."""
    return due_at is not None and at > due_at


def needs_report(level: int) -> bool:
    return int(level) in REPORT_LEVELS


def obligation_due(*, obligation: str, start: datetime, rules) -> datetime:
    """When ``obligation`` (a CMS deadline) falls due, counted from ``start``.

    Hours count on the clock; working days on the working calendar, due at
    the same time of day as ``start`` on that working day (China time).
    """
    deadline = deadline_for(obligation=obligation, rules=rules)
    if deadline.unit == DeadlineUnit.HOURS:
        return start + timedelta(hours=deadline.amount)
    local = timezone.localtime(start, CALENDAR_ZONE)
    day = add_working_days(local.date(), deadline.amount)
    return local.replace(year=day.year, month=day.month, day=day.day)


def report_due(*, restored_at: datetime, rules) -> datetime:
    return obligation_due(
        obligation=Obligation.FAULT_REPORT, start=restored_at, rules=rules
    )


def analysis_due(*, start: datetime, rules) -> datetime:
    return obligation_due(
        obligation=Obligation.OVERDUE_ANALYSIS, start=start, rules=rules
    )


def escalation_moment(*, due_at: datetime, level: int, rules) -> datetime | None:
    """When an open ticket goes up to ``level`` (1 = the chain's first step) of
    the CMS escalation chain; None past the chain's end."""
    steps = rules.sla.escalations
    if due_at is None or not 1 <= level <= len(steps):
        return None
    return due_at + _hours(steps[level - 1].after_hours)


def escalation_target(*, level: int, rules) -> str | None:
    """Who level ``level`` of the chain is (an ``EscalationTarget`` value)."""
    steps = rules.sla.escalations
    return steps[level - 1].target if 1 <= level <= len(steps) else None


def clock_resumed(*, due_at: datetime, warning_at: datetime, since: datetime, at):
    """The limit and warning moved by the time the clock stood still."""
    stopped = max(at - since, timedelta(0))
    return due_at + stopped, warning_at + stopped, int(stopped.total_seconds())
