"""`manage.py sync_working_calendar` mirrors the package, never admin-entered years."""

from datetime import date
from io import StringIO

import chinese_calendar
import pytest
from django.core.management import call_command

from registry.models import CalendarDay, CalendarYear

pytestmark = pytest.mark.django_db


def sync(*args) -> str:
    out = StringIO()
    call_command("sync_working_calendar", *args, stdout=out)
    return out.getvalue()


def snapshot() -> list[tuple]:
    return list(
        CalendarDay.objects.order_by("date").values_list(
            "date", "kind", "name_zh", "name_en"
        )
    )


def test_sync_is_idempotent():
    before = snapshot()
    first, second = sync(), sync()
    assert snapshot() == before
    assert "0 added, 0 updated, 0 removed" in first
    assert first == second


def test_sync_repairs_a_package_year_that_drifted():
    CalendarDay.objects.filter(date=date(2025, 10, 8)).delete()
    CalendarDay.objects.filter(date=date(2025, 10, 1)).update(name_en="Typo")
    CalendarDay.objects.create(
        date=date(2025, 12, 31), kind=CalendarDay.Kind.HOLIDAY, name_zh="多余"
    )
    out = sync()
    assert "2025: 1 added, 1 updated, 1 removed" in out
    assert CalendarDay.objects.get(date=date(2025, 10, 1)).name_en == "National Day"
    assert CalendarDay.objects.filter(date=date(2025, 10, 8)).exists()
    assert not CalendarDay.objects.filter(date=date(2025, 12, 31)).exists()


def test_sync_leaves_admin_entered_years_alone():
    CalendarYear.objects.filter(year=2025).update(source=CalendarYear.Source.ADMIN)
    CalendarDay.objects.filter(date=date(2025, 10, 8)).delete()
    out = sync()
    assert "2025: entered by an admin, left alone" in out
    assert not CalendarDay.objects.filter(date=date(2025, 10, 8)).exists()
    assert CalendarYear.objects.get(year=2025).source == CalendarYear.Source.ADMIN


def test_sync_adds_a_year_a_newer_package_knows(monkeypatch):
    new_year = date(2099, 1, 1)
    monkeypatch.setitem(
        chinese_calendar.holidays,
        new_year,
        chinese_calendar.Holiday.new_years_day.value,
    )
    out = sync()
    assert "2099: 1 added, 0 updated, 0 removed" in out
    day = CalendarDay.objects.get(date=new_year)
    assert (day.kind, day.name_zh, day.name_en) == ("holiday", "元旦", "New Year's Day")
    year = CalendarYear.objects.get(year=2099)
    assert year.source == CalendarYear.Source.PACKAGE
    assert chinese_calendar.__version__ in year.notes


def test_dry_run_changes_nothing():
    CalendarDay.objects.filter(date=date(2025, 10, 8)).delete()
    out = sync("--dry-run")
    assert "2025: 1 added, 0 updated, 0 removed" in out
    assert not CalendarDay.objects.filter(date=date(2025, 10, 8)).exists()
