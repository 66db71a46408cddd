"""Working days on the statutory calendar seeded from chinesecalendar."""

from datetime import UTC, date, datetime, timedelta

import chinese_calendar
import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from registry.calendar import (
    add_working_days,
    is_working_day,
    local_today,
    working_days_between,
    years_without_data,
)
from registry.models import CalendarDay, CalendarYear

pytestmark = pytest.mark.django_db

GOLDEN_WEEK = [date(2025, 10, 1) + timedelta(days=i) for i in range(8)]
WORKING_SUNDAY = date(2025, 9, 28)
WORKING_SATURDAY = date(2025, 10, 11)
# No calendar library knows 2099: it falls back to Monday to Friday.
FALLBACK_THURSDAY = date(2099, 10, 1)


def test_golden_week_2025_is_seeded_from_the_package():
    assert all(day in chinese_calendar.holidays for day in GOLDEN_WEEK)
    assert {WORKING_SUNDAY, WORKING_SATURDAY} <= set(chinese_calendar.workdays)
    seeded = dict(
        CalendarDay.objects.filter(
            date__range=(date(2025, 9, 20), date(2025, 10, 20))
        ).values_list("date", "kind")
    )
    assert seeded == {
        **dict.fromkeys(GOLDEN_WEEK, CalendarDay.Kind.HOLIDAY),
        WORKING_SUNDAY: CalendarDay.Kind.WORKING_DAY,
        WORKING_SATURDAY: CalendarDay.Kind.WORKING_DAY,
    }
    national_day = CalendarDay.objects.get(date=date(2025, 10, 1))
    assert (national_day.name_zh, national_day.name_en) == ("国庆节", "National Day")
    assert CalendarYear.objects.get(year=2025).source == CalendarYear.Source.PACKAGE


def test_every_package_year_is_seeded():
    package_years = {day.year for day in chinese_calendar.holidays}
    seeded = set(
        CalendarYear.objects.filter(source=CalendarYear.Source.PACKAGE).values_list(
            "year", flat=True
        )
    )
    assert seeded == package_years
    assert CalendarDay.objects.count() == len(chinese_calendar.holidays) + len(
        chinese_calendar.workdays
    )


def test_holidays_are_days_off_even_on_weekdays():
    assert not any(is_working_day(day) for day in GOLDEN_WEEK)
    assert not is_working_day(date(2025, 10, 6))  # a Monday: Mid-autumn Festival


def test_adjusted_weekend_days_are_working_days():
    assert is_working_day(WORKING_SUNDAY)
    assert is_working_day(WORKING_SATURDAY)
    assert not is_working_day(date(2025, 10, 12))  # an ordinary Sunday


def test_add_working_days_skips_the_golden_week():
    assert add_working_days(date(2025, 9, 30), 1) == date(2025, 10, 9)
    assert add_working_days(date(2025, 9, 26), 1) == WORKING_SUNDAY
    assert add_working_days(date(2025, 10, 9), 3) == date(2025, 10, 13)


def test_add_zero_working_days_keeps_a_working_day_and_rolls_forward_otherwise():
    assert add_working_days(date(2025, 9, 30), 0) == date(2025, 9, 30)
    assert add_working_days(date(2025, 9, 27), 0) == WORKING_SUNDAY
    assert add_working_days(date(2025, 10, 1), 0) == date(2025, 10, 9)


def test_add_working_days_rejects_a_negative_count():
    with pytest.raises(ValueError):
        add_working_days(date(2025, 9, 30), -1)


def test_working_days_between_counts_the_half_open_span():
    # (09-26, 10-12]: 09-28, 09-29, 09-30, 10-09, 10-10 and 10-11.
    assert working_days_between(date(2025, 9, 26), date(2025, 10, 12)) == 6
    assert working_days_between(date(2025, 10, 12), date(2025, 9, 26)) == -6
    assert working_days_between(date(2025, 10, 3), date(2025, 10, 3)) == 0


def test_working_days_between_agrees_with_the_package_over_years():
    first, last = date(2023, 12, 31), date(2026, 12, 31)
    days = (first + timedelta(days=i) for i in range(1, (last - first).days + 1))
    expected = sum(1 for day in days if chinese_calendar.is_workday(day))
    assert working_days_between(first, last) == expected


def test_working_days_between_inverts_add_working_days():
    start = date(2024, 12, 20)
    for n in (1, 7, 30, 250):
        assert working_days_between(start, add_working_days(start, n)) == n


def test_a_year_without_data_falls_back_to_monday_to_friday():
    assert years_without_data([2025, 2099, 2099]) == [2099]
    assert is_working_day(FALLBACK_THURSDAY)
    assert not is_working_day(date(2099, 10, 3))  # Saturday
    assert add_working_days(date(2099, 10, 2), 1) == date(2099, 10, 5)
    assert working_days_between(date(2099, 10, 1), date(2099, 10, 8)) == 5


def test_a_datetime_is_refused_rather_than_silently_misread():
    with pytest.raises(TypeError):
        is_working_day(datetime(2025, 10, 1, 9, tzinfo=UTC))


def test_today_is_the_date_in_china(monkeypatch):
    new_years_eve_in_utc = datetime(2026, 12, 31, 17, 0, tzinfo=UTC)
    monkeypatch.setattr(timezone, "now", lambda: new_years_eve_in_utc)
    assert local_today() == date(2027, 1, 1)


def test_an_edit_applies_on_the_next_call():
    assert is_working_day(FALLBACK_THURSDAY)
    day = CalendarDay.objects.create(
        date=FALLBACK_THURSDAY,
        kind=CalendarDay.Kind.HOLIDAY,
        name_zh="国庆节",
        name_en="National Day",
    )
    assert not is_working_day(FALLBACK_THURSDAY)
    assert add_working_days(date(2099, 9, 30), 1) == date(2099, 10, 2)
    day.delete()
    assert is_working_day(FALLBACK_THURSDAY)


def test_add_working_days_reads_the_calendar_in_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        add_working_days(date(2025, 9, 26), 5)
    with django_assert_num_queries(1):
        add_working_days(date(2025, 9, 26), 200)


def test_working_days_between_reads_the_calendar_in_one_query(
    django_assert_num_queries,
):
    with django_assert_num_queries(1):
        working_days_between(date(2004, 1, 1), date(2026, 12, 31))


def test_rejects_an_adjusted_working_day_on_a_weekday():
    day = CalendarDay(
        date=date(2099, 10, 1), kind=CalendarDay.Kind.WORKING_DAY, name_zh="调休"
    )
    with (
        translation.override("en"),
        pytest.raises(ValidationError, match="Saturday or Sunday"),
    ):
        day.full_clean()
    with transaction.atomic(), pytest.raises(IntegrityError):
        day.save()


def test_rejects_a_year_out_of_range():
    with transaction.atomic(), pytest.raises(IntegrityError):
        CalendarYear.objects.create(year=20277)


def test_a_deadline_running_into_a_year_without_data_counts_weekends_only():
    # 2026 is seeded (New Year's Day 2026 is a holiday); 2027 is not (as with
    # chinesecalendar 1.11), so its New Year's Day, a Friday, and National Day
    # count as worked.
    forget_years(2027)
    assert years_without_data([2026, 2027]) == [2027]
    assert not is_working_day(date(2026, 1, 1))
    assert is_working_day(date(2027, 1, 1))
    assert add_working_days(date(2026, 12, 30), 2) == date(2027, 1, 1)
    assert add_working_days(date(2026, 12, 30), 3) == date(2027, 1, 4)
    assert working_days_between(date(2027, 9, 30), date(2027, 10, 8)) == 6


def test_with_the_clock_a_year_ahead_deadlines_count_monday_to_friday():
    forget_years(2028, 2029)
    with time_machine.travel(datetime(2028, 1, 6, 9, tzinfo=UTC)):
        today = local_today()
        assert years_without_data([today.year, today.year + 1]) == [2028, 2029]
        due = add_working_days(today, 10)
    assert due == date(2028, 1, 20)  # two weeks later, Thursday to Thursday
    assert working_days_between(today, due) == 10


def forget_years(*years: int) -> None:
    """As if no package or admin had entered these years yet."""
    CalendarYear.objects.filter(year__in=years).delete()
    CalendarDay.objects.filter(date__year__in=years).delete()
