"""Who owes a log on which day, and which reports fall due: the obligations
themselves, read for a set of companies and a range in a fixed number of
queries (people, their approved leave, the working calendar)."""

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from home.models.obligations import ReportKind
from home.rules import current_rules
from registry.calendar import CALENDAR_ZONE
from registry.models import StaffMember
from workflows.leave.models import Leave

from . import rules
from .calendar_days import working_days_for

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class DueReport:
    company_id: int
    kind: str
    period_start: date
    period_end: date
    due_on: date

    @property
    def due_at(self) -> datetime:
        return rules.report_due_at(self.due_on)

    @property
    def label(self) -> str:
        return str(ReportKind(self.kind).label)


class Obligations:
    """The logs and reports owed by ``company_ids`` with due days in [start, end].

    People owe a log when they have a portal account and are not trainees,
    from the day they joined to the day before they left, except on their
    approved leave and, when the CMS says so, on days off.
    """

    def __init__(self, *, company_ids, start: date, end: date):
        self.company_ids, self.start, self.end = list(company_ids), start, end
        self.rules = current_rules().obligations
        reach = max(rules.lookback(due) for due in self.rules.reports.values())
        self.working = working_days_for(start - reach, end, rules=self.rules)
        owing = (
            StaffMember.objects.filter(
                company_id__in=self.company_ids,
                user__isnull=False,
                joined_on__lte=end,
            )
            .exclude(status=StaffMember.Status.TRAINEE)
            .exclude(left_on__lte=start)
        )
        self.people = list(owing.order_by("company_id", "name", "pk"))
        self.leave = _leave_of(owing.values("pk"), start, end)

    def log_days(self) -> list[date]:
        """The days in range on which a log is due at all."""
        if not self.rules.logs_on_working_days:
            return [self.start + ONE_DAY * i for i in range(self.days)]
        first = bisect_left(self.working, self.start)
        last = bisect_right(self.working, self.end)
        return self.working[first:last]

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def owes_log(self, person, day: date) -> bool:
        if day < person.joined_on or (person.left_on and day >= person.left_on):
            return False
        return not any(a <= day <= b for a, b in self.leave.get(person.pk, ()))

    def due_at(self, person, day: date) -> datetime | None:
        return rules.log_due_at(
            day=day, position=person.position, rules=self.rules, working=True
        )

    def log_count(self, person, days: list[date], now: datetime) -> int:
        """How many of ``days`` (sorted) ``person`` owed a log by ``now``."""
        first = max(self.start, person.joined_on)
        last = self.end
        if person.left_on is not None:
            last = min(last, person.left_on - ONE_DAY)
        today = timezone.localtime(now, CALENDAR_ZONE).date()
        if last >= today:
            last = today if self.due_at(person, today) < now else today - ONE_DAY
        count = _between(days, first, last)
        for a, b in self.leave.get(person.pk, ()):
            count -= _between(days, max(a, first), min(b, last))
        return max(count, 0)

    def reports(self) -> list[DueReport]:
        """Every report of every company due on a day in range, by due day."""
        owed = []
        for kind, due in self.rules.reports.items():
            ends = rules.periods_ending_between(
                due.period, self.start - rules.lookback(due), self.end
            )
            for start, end in ends:
                due_on = rules.report_due_on(
                    period_end=end, due=due, working=self.working
                )
                if self.start <= due_on <= self.end:
                    owed += [
                        DueReport(company, kind, start, end, due_on)
                        for company in self.company_ids
                    ]
        return sorted(owed, key=lambda r: (r.due_on, r.kind, r.company_id))


def _between(days: list[date], first: date, last: date) -> int:
    if last < first:
        return 0
    return bisect_right(days, last) - bisect_left(days, first)


def _leave_of(people, start, end) -> dict[int, list[tuple[date, date]]]:
    """The approved leave in [start, end] of ``people`` (a pk subquery): only
    those who owe logs, each row made in Python."""
    rows = Leave.objects.filter(
        person__in=people,
        outcome=Leave.Decision.APPROVED,
        start_date__lte=end,
        end_date__gte=start,
    )
    # No ordering: the requests' default (newest first) joins and sorts the
    # process table for nothing.
    rows = rows.order_by().values_list("person_id", "start_date", "end_date")
    leave = defaultdict(list)
    for person_id, first, last in rows:
        leave[person_id].append((first, last))
    return leave
