"""Period arithmetic in SQL: local-midnight bounds and a month bucket that
groups rows by month without a per-row function call (SQLite's ``Trunc`` is
a Python function per row; a ``CASE`` on bounds is plain comparisons)."""

from datetime import date, datetime, time

from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone


def local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def within(field: str, start: date, end: date) -> Q:
    """``field`` (a datetime) in [start, end) of the local calendar."""
    return Q(
        **{f"{field}__gte": local_midnight(start), f"{field}__lt": local_midnight(end)}
    )


def month_bucket(field: str, months: list[date], end: date) -> Case:
    """The index in ``months`` of the month ``field`` falls in (rows are
    already filtered to the period, so the last bound is ``end``)."""
    bounds = [*months[1:], end]
    return Case(
        *(
            When(**{f"{field}__lt": local_midnight(bound)}, then=Value(index))
            for index, bound in enumerate(bounds)
        ),
        default=Value(len(months) - 1),
        output_field=IntegerField(),
    )


def month_label(month: date) -> str:
    return f"{month.year}-{month.month:02d}"


def percent(part: int, whole: int) -> float | None:
    """``part`` of ``whole`` in percent, one decimal; None when there is none."""
    if not whole:
        return None
    return round(part * 100 / whole, 1)
