"""Reads of the obligations, always scoped to the user or companies asked for.

``lapses_for`` and ``obligation_counts`` are what the assessment and the
dashboards read: both in a fixed number of queries, whatever the rows.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, QuerySet
from django.utils import timezone

from registry.models import Company, StaffMember
from registry.roles import Role, is_carrier, roles_of
from registry.selectors import company_of

from .expected import DueReport, Obligations
from .models import ObligationReport, WorkLog

LATE_LOG, MISSING_LOG = "late_log", "missing_log"
LATE_REPORT, MISSING_REPORT = "late_report", "missing_report"
COUNT_KEYS = ("due", "on_time", "late", "missing")


@dataclass(frozen=True)
class Lapse:
    """A late or missing log or report; ``source`` is None when missing, then
    ``person`` (a log) or ``report`` (a report's kind and period) links it."""

    kind: str
    source: WorkLog | ObligationReport | None
    due_at: datetime
    done_at: datetime | None
    person: StaffMember | None = None
    report: DueReport | None = None


def lapses_for(*, company, start: date, end: date, now=None) -> list[Lapse]:
    """Late and missing logs and reports of ``company`` due in [start, end]."""
    now = now or timezone.now()
    owed = Obligations(company_ids=[company.pk], start=start, end=end)
    logs = list(
        WorkLog.objects.filter(company=company, day__range=(start, end))
        .select_related("person")
        .order_by("day", "pk")
    )
    lapses = [
        Lapse(LATE_LOG, log, log.due_at, log.filed_at, person=log.person)
        for log in logs
        if log.late
    ]
    filed = {(log.person_id, log.day) for log in logs}
    for person, day, due_at in _owed_logs(owed, now):
        if (person.pk, day) not in filed:
            lapses.append(Lapse(MISSING_LOG, None, due_at, None, person=person))
    lapses += _report_lapses(owed, company, now)
    return sorted(lapses, key=lambda lapse: (lapse.due_at, lapse.kind))


def _owed_logs(owed: Obligations, now):
    """(person, day, due time) of every log owed and past due."""
    for day in owed.log_days():
        for person in owed.people:
            due_at = owed.due_at(person, day)
            if due_at is not None and due_at < now and owed.owes_log(person, day):
                yield person, day, due_at


def _report_lapses(owed: Obligations, company, now) -> list[Lapse]:
    owed_reports = owed.reports()
    reports = {
        (r.kind, r.period_start): r
        for r in ObligationReport.objects.filter(
            company=company,
            period_start__in={due.period_start for due in owed_reports},
            first_filed_at__isnull=False,
        )
    }
    lapses = []
    for due in owed_reports:
        report = reports.get((due.kind, due.period_start))
        if report is not None and report.late:
            lapses.append(
                Lapse(
                    LATE_REPORT, report, due.due_at, report.first_filed_at, report=due
                )
            )
        elif report is None and due.due_at < now:
            lapses.append(Lapse(MISSING_REPORT, None, due.due_at, None, report=due))
    return lapses


def obligation_counts(*, company_ids, start: date, end: date, now=None) -> dict:
    """``{company_id: {"due", "on_time", "late", "missing"}}`` of the logs and
    reports due (and past due) in [start, end]; six queries for any size."""
    now = now or timezone.now()
    owed = Obligations(company_ids=company_ids, start=start, end=end)
    counts = {
        pk: {"due": 0, "on_time": 0, "late": 0, "missing": 0} for pk in owed.company_ids
    }
    days = owed.log_days()
    for person in owed.people:
        counts[person.company_id]["due"] += owed.log_count(person, days, now)
    logs = WorkLog.objects.filter(
        company_id__in=owed.company_ids,
        day__range=(start, end),
        due_at__isnull=False,
        due_at__lt=now,
    )
    _add_filed(counts, logs)
    due_reports = [r for r in owed.reports() if r.due_at < now]
    for report in due_reports:
        counts[report.company_id]["due"] += 1
    if due_reports:
        last_due = max(r.due_on for r in due_reports)
        filed = ObligationReport.objects.filter(
            company_id__in=owed.company_ids,
            due_on__range=(start, last_due),
            first_filed_at__isnull=False,
        )
        _add_filed(counts, filed)
    for row in counts.values():
        row["missing"] = max(row["due"] - row["on_time"] - row["late"], 0)
    return counts


def _add_filed(counts: dict, rows: QuerySet) -> None:
    for company_id, late, n in (
        rows.values_list("company_id", "late").annotate(n=Count("pk")).order_by()
    ):
        counts[company_id]["late" if late else "on_time"] += n


def companies_for(user) -> QuerySet[Company]:
    """The companies whose obligations ``user`` may see."""
    if is_carrier(user):
        return Company.objects.order_by("code")
    company = company_of(user)
    if company is None:
        return Company.objects.none()
    return Company.objects.filter(pk=company.pk)


def logs_for(user) -> QuerySet[WorkLog]:
    return WorkLog.objects.filter(company__in=companies_for(user).values("pk"))


def reports_for(user) -> QuerySet[ObligationReport]:
    return ObligationReport.objects.filter(company__in=companies_for(user).values("pk"))


def may_see_obligations(user) -> bool:
    return user.is_authenticated and (is_carrier(user) or company_of(user) is not None)


def may_oversee_obligations(user) -> bool:
    """The carrier and contractor managers: the calendar and the reports."""
    return is_carrier(user) or (
        company_of(user) is not None and Role.CONTRACTOR_MANAGER in roles_of(user)
    )


def may_file_logs(user) -> bool:
    """Contractor engineers and managers (read from the roles the page has
    already read: no query). The log page offers the form to those of them
    with a staff record on duty."""
    return company_of(user) is not None and bool(
        roles_of(user) & {Role.CONTRACTOR_ENGINEER, Role.CONTRACTOR_MANAGER}
    )


def log_entries_by_log(logs) -> dict[int, list]:
    from .models import LogEntry

    entries = defaultdict(list)
    for entry in LogEntry.objects.filter(log__in=logs):
        entries[entry.log_id].append(entry)
    return entries
