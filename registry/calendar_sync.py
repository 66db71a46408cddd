"""Fill the working calendar from the installed ``chinesecalendar`` package.

Used by the seeding data migration (with historical models) and by
``manage.py sync_working_calendar``. A year from the package is made to match it
exactly; a year an admin entered is never touched.
"""

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

import chinese_calendar
from django.db import transaction

from .models import CalendarDay, CalendarYear


class PackageDay(NamedTuple):
    kind: str
    name_zh: str
    name_en: str


@dataclass
class YearSync:
    """What a sync did (or, in a dry run, would do) to one year."""

    year: int
    admin_entered: bool = False
    added: int = 0
    updated: int = 0
    removed: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


def package_version() -> str:
    return chinese_calendar.__version__


def package_days() -> dict[date, PackageDay]:
    """Every holiday and adjusted working day the package knows, named zh/en."""
    holidays = {holiday.value: holiday for holiday in chinese_calendar.Holiday}
    days = {}
    for kind, source in (
        (CalendarDay.Kind.HOLIDAY, chinese_calendar.holidays),
        (CalendarDay.Kind.WORKING_DAY, chinese_calendar.workdays),
    ):
        for day, name_en in source.items():
            holiday = holidays.get(name_en)
            name_zh = holiday.chinese if holiday else name_en
            days[day] = PackageDay(str(kind), name_zh, name_en)
    return days


def working_calendar_sync(
    *, day_model=CalendarDay, year_model=CalendarYear, dry_run: bool = False
) -> list[YearSync]:
    """Make every package year match the package; leave admin-entered years alone."""
    wanted = package_days()
    years = {year: YearSync(year) for year in sorted({day.year for day in wanted})}
    admin_years = year_model.objects.filter(
        source=CalendarYear.Source.ADMIN, year__in=years
    ).values_list("year", flat=True)
    for year in admin_years:
        years[year].admin_entered = True
    synced = {year for year, result in years.items() if not result.admin_entered}
    with transaction.atomic():
        if synced:
            _sync_days(day_model, wanted, synced, years)
            _record_years(year_model, synced)
        transaction.set_rollback(dry_run)
    return list(years.values())


def _sync_days(day_model, wanted, synced, years) -> None:
    existing = {
        row.date: row
        for row in day_model.objects.filter(
            date__gte=date(min(synced), 1, 1), date__lte=date(max(synced), 12, 31)
        )
        if row.date.year in synced
    }
    stale = [row for day, row in existing.items() if day not in wanted]
    new, changed = [], []
    for day, fields in wanted.items():
        row = existing.get(day)
        if day.year not in synced or (row and _fields(row) == fields):
            continue
        if row is None:
            row = day_model(date=day)
            new.append(row)
        else:
            changed.append(row)
        row.kind, row.name_zh, row.name_en = fields
        row.full_clean(validate_unique=False, validate_constraints=False)
    for row in new:
        years[row.date.year].added += 1
    for row in changed:
        years[row.date.year].updated += 1
    for row in stale:
        years[row.date.year].removed += 1
    day_model.objects.filter(pk__in=[row.pk for row in stale]).delete()
    day_model.objects.bulk_create(new)
    day_model.objects.bulk_update(changed, ["kind", "name_zh", "name_en"])


def _fields(row) -> PackageDay:
    return PackageDay(row.kind, row.name_zh, row.name_en)


def _record_years(year_model, synced) -> None:
    known = set(
        year_model.objects.filter(year__in=synced).values_list("year", flat=True)
    )
    notes = f"chinesecalendar {package_version()}"
    year_model.objects.bulk_create(
        year_model(year=year, source=CalendarYear.Source.PACKAGE, notes=notes)
        for year in sorted(synced - known)
    )
