"""One company's obligations month by month: each day's logs and reports."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from .expected import DueReport, Obligations
from .models import ObligationReport, WorkLog

ONE_DAY = timedelta(days=1)


@dataclass
class DueReportState:
    due: DueReport
    report: ObligationReport | None
    state: str  # accepted, returned, filed, missing, upcoming
    late: bool = False


@dataclass
class Day:
    day: date
    log_due: bool
    owed: int = 0
    on_time: int = 0
    late: int = 0
    missing: list = field(default_factory=list)  # people
    upcoming: int = 0
    reports: list[DueReportState] = field(default_factory=list)

    @property
    def has_lapse(self) -> bool:
        return bool(self.late or self.missing) or any(
            r.late or r.state == "missing" for r in self.reports
        )


def month_range(year: int, month: int) -> tuple[date, date]:
    start = date(year, month, 1)
    after = date(year + month // 12, month % 12 + 1, 1)
    return start, after - ONE_DAY


def month_obligations(*, company, year: int, month: int, now: datetime) -> list[Day]:
    """Every day of the month with what was owed, done, late and missing."""
    start, end = month_range(year, month)
    owed = Obligations(company_ids=[company.pk], start=start, end=end)
    filed = {
        (person, day): late
        for person, day, late in WorkLog.objects.filter(
            company=company, day__range=(start, end)
        ).values_list("person_id", "day", "late")
    }
    log_days = set(owed.log_days())
    days = {}
    for offset in range((end - start).days + 1):
        day = start + offset * ONE_DAY
        days[day] = _day(owed, day, day in log_days, filed, now)
    _add_reports(days, owed, company, now)
    return list(days.values())


def _day(owed, day, log_due, filed, now) -> Day:
    row = Day(day=day, log_due=log_due)
    if not log_due:
        return row
    for person in owed.people:
        if not owed.owes_log(person, day):
            continue
        row.owed += 1
        late = filed.get((person.pk, day))
        if late is True:
            row.late += 1
        elif late is False:
            row.on_time += 1
        elif owed.due_at(person, day) < now:
            row.missing.append(person)
        else:
            row.upcoming += 1
    return row


def _add_reports(days, owed, company, now) -> None:
    due = owed.reports()
    starts = {r.period_start for r in due}
    reports = {
        (r.kind, r.period_start): r
        for r in ObligationReport.objects.filter(
            company=company, period_start__in=starts
        )
    }
    for item in due:
        report = reports.get((item.kind, item.period_start))
        days[item.due_on].reports.append(_report_state(item, report, now))


def _report_state(item, report, now) -> DueReportState:
    if report is None:
        state = "missing" if item.due_at < now else "upcoming"
        return DueReportState(item, None, state)
    if report.accepted:
        state = "accepted"
    elif report.decision == ObligationReport.Decision.RETURNED:
        state = "returned"
    else:
        state = "filed"
    return DueReportState(item, report, state, late=report.late)
