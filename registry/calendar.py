"""Working days (工作日) on the Chinese statutory calendar.

A day is a working day when a ``CalendarDay`` says so (a public holiday is off, an
adjusted weekend day is worked), otherwise when it falls Monday to Friday. A year
nobody has entered has no such days and so falls back to Monday to Friday;
``years_without_data`` tells which years those are.

Each call reads the days of the range it needs in one query and caches nothing,
so an admin's edit applies to the next call.
"""

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from .models import CalendarDay, CalendarYear

CALENDAR_ZONE = ZoneInfo("Asia/Shanghai")
ONE_DAY = timedelta(days=1)


def local_today() -> date:
    """Today in China, whatever the server's time zone."""
    return timezone.localdate(timezone=CALENDAR_ZONE)


def is_working_day(day: date) -> bool:
    _check_date(day)
    return _is_working(day, _exceptions(day, day))


def add_working_days(start: date, n: int) -> date:
    """The ``n``-th working day after ``start`` (a deadline "within n working days").

    ``start`` itself never counts for ``n`` ≥ 1, whether or not it is a working
    day: a request received on Saturday with 1 working day is due on Monday.
    ``n`` = 0 gives ``start`` if it is a working day, else the next working day.
    For ``n`` ≥ 1, ``working_days_between(start, result) == n``.
    """
    _check_date(start)
    if n < 0:
        raise ValueError(f"n must be 0 or more, not {n}")
    first = start if n == 0 else start + ONE_DAY
    remaining = max(n, 1)
    while True:
        # Two calendar days per working day and a month more cover any real
        # calendar (the longest break is 9 days); stranger data costs a query more.
        last = first + timedelta(days=2 * remaining + 31)
        exceptions = _exceptions(first, last)
        day = first
        while day <= last:
            if _is_working(day, exceptions):
                remaining -= 1
                if remaining == 0:
                    return day
            day += ONE_DAY
        first = last + ONE_DAY


def working_days_between(a: date, b: date) -> int:
    """The number of working days in (a, b]; negative, -(b, a], when b is before a."""
    _check_date(a)
    _check_date(b)
    if b < a:
        return -working_days_between(b, a)
    if a == b:
        return 0
    first = a + ONE_DAY
    count = _weekdays(first, b)
    for day, working in _exceptions(first, b).items():
        if working != _is_weekday(day):
            count += 1 if working else -1
    return count


def working_days_in(first: date, last: date) -> list[date]:
    """Every working day in [first, last], in order, read in one query."""
    _check_date(first)
    _check_date(last)
    exceptions = _exceptions(first, last)
    days, day = [], first
    while day <= last:
        if _is_working(day, exceptions):
            days.append(day)
        day += ONE_DAY
    return days


def years_without_data(years: Iterable[int]) -> list[int]:
    """Those of ``years`` nobody has entered (sorted, without repeats)."""
    wanted = sorted(set(years))
    known = set(
        CalendarYear.objects.filter(year__in=wanted).values_list("year", flat=True)
    )
    return [year for year in wanted if year not in known]


def _check_date(day: date) -> None:
    # A datetime compares unequal to every date: convert it in the caller's zone.
    if isinstance(day, datetime) or not isinstance(day, date):
        raise TypeError(f"expected a date, got {type(day).__name__}")


def _exceptions(first: date, last: date) -> dict[date, bool]:
    """Whether each calendar day in [first, last] is worked, in one query."""
    rows = CalendarDay.objects.filter(date__range=(first, last)).values_list(
        "date", "kind"
    )
    return {day: kind == CalendarDay.Kind.WORKING_DAY for day, kind in rows}


def _is_weekday(day: date) -> bool:
    return day.weekday() < 5


def _is_working(day: date, exceptions: dict[date, bool]) -> bool:
    return exceptions.get(day, _is_weekday(day))


def _weekdays(first: date, last: date) -> int:
    """Mondays to Fridays in [first, last]."""
    weeks, rest = divmod((last - first).days + 1, 7)
    start = first.weekday()
    return 5 * weeks + sum(1 for i in range(rest) if (start + i) % 7 < 5)
