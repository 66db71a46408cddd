"""Pure decisions of the obligations: when a log or a report is due, late.

Working days come in as a sorted list (``registry.calendar.working_days_in``,
one query for a whole range), so a month's calendar decides every due time
without a query per day.
"""

from bisect import bisect_left, bisect_right
from datetime import date, datetime, time, timedelta

from home.models.obligations import DayCount, ReportPeriod
from home.rules.snapshot import ObligationSnapshot, ReportDue
from registry.calendar import CALENDAR_ZONE

ONE_DAY = timedelta(days=1)
END_OF_DAY = time(23, 59, 59, 999999)


def log_due_at(
    *, day: date, position: str, rules: ObligationSnapshot, working: bool
) -> datetime | None:
    """When ``position``'s log of ``day`` is due (China time), or None: not due
    (a day off when logs are due on working days only, or no rule)."""
    if rules.logs_on_working_days and not working:
        return None
    due = rules.log_due.get(position)
    if due is None:
        return None
    return datetime.combine(day, due).replace(tzinfo=CALENDAR_ZONE)


def is_late(*, done_at: datetime, due_at: datetime | None) -> bool:
    """Late only strictly after the due time: "by 18:30" includes 18:30:00."""
    return due_at is not None and done_at > due_at


def period_of(period: str, day: date) -> tuple[date, date]:
    """The first and last day of the week, month, quarter or year of ``day``."""
    if period == ReportPeriod.WEEK:
        start = day - timedelta(days=day.weekday())
        return start, start + timedelta(days=6)
    if period == ReportPeriod.MONTH:
        start = day.replace(day=1)
    elif period == ReportPeriod.QUARTER:
        start = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    else:
        start = date(day.year, 1, 1)
    months = {"month": 1, "quarter": 3, "year": 12}[period]
    month = start.month - 1 + months
    after = date(start.year + month // 12, month % 12 + 1, 1)
    return start, after - ONE_DAY


def periods_ending_between(period: str, first: date, last: date) -> list:
    """Every period whose last day lies in [first, last], oldest first."""
    periods = []
    start, end = period_of(period, first)
    while end <= last:
        if end >= first:
            periods.append((start, end))
        start, end = period_of(period, end + ONE_DAY)
    return periods


def nth_working_day_after(start: date, n: int, working: list[date]) -> date | None:
    """``registry.calendar.add_working_days`` on a list of working days (None
    when the list ends too soon)."""
    index = bisect_left(working, start) if n == 0 else bisect_right(working, start)
    index += max(n, 1) - 1
    return working[index] if index < len(working) else None


def report_due_on(*, period_end: date, due: ReportDue, working: list[date]) -> date:
    """The day by which a period's report is due: so many calendar or working
    days after the period's last day."""
    if due.unit == DayCount.WORKING_DAYS:
        day = nth_working_day_after(period_end, due.offset, working)
        if day is None:
            raise ValueError("working days do not reach the due day")
        return day
    return period_end + timedelta(days=due.offset)


def report_due_at(due_on: date) -> datetime:
    """A report due on a day is on time until that day ends (China time)."""
    return datetime.combine(due_on, END_OF_DAY).replace(tzinfo=CALENDAR_ZONE)


def lookback(due: ReportDue) -> timedelta:
    """How far before a due day its period may end (enough for any calendar)."""
    if due.unit == DayCount.WORKING_DAYS:
        return timedelta(days=2 * due.offset + 31)
    return timedelta(days=due.offset)
