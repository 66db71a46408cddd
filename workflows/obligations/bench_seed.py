"""The dashboards benchmark's work logs (``bench.dashboards_seed``): a year of
daily logs for the given companies, written in bulk.

Only people with a portal account owe a log, so enough of each company's staff
on duty get one (a user each, in one statement) for ``count`` logs to fill
most of their working days; each log has one routine entry. Due times and
lateness are decided by the same rules as a filed log (``rules.log_due_at``,
``rules.is_late``) on the CMS rules in force, whose revision each log records.
Not used by the portal itself.
"""

import datetime
import math

from django.contrib.auth import get_user_model

from home.rules import current_rules
from registry.calendar import CALENDAR_ZONE, working_days_in
from registry.models import StaffMember

from . import rules
from .models import LogEntry, WorkLog

BATCH = 5_000
# The share of owed days that get a log: the rest are missing.
FILED_SHARE = 0.9
# Of those filed, the share filed after the due time.
LATE_SHARE = 0.1


def seed(*, rng, companies, users, start, end, count: int) -> None:
    """``count`` work logs of ``companies`` on working days in [start, end)
    (datetimes), by ``users`` (one per company, in the same order)."""
    snapshot = current_rules().obligations
    first_day = start.astimezone(CALENDAR_ZONE).date()
    last_day = end.astimezone(CALENDAR_ZONE).date() - datetime.timedelta(days=1)
    days = working_days_in(first_day, last_day)
    routine = min(snapshot.classes, key=lambda rule: (rule.urgent, rule.code))
    per_company = math.ceil(count / (len(companies) * len(days) * FILED_SHARE))
    people = _accounts_give(companies=companies, per_company=per_company)
    slots = [(person, day) for person in people for day in days]
    chosen = sorted(rng.sample(slots, min(count, len(slots))), key=lambda s: s[1])
    author = {company.pk: user for company, user in zip(companies, users, strict=True)}
    rule_values = {"topic": "obligations", "revision_id": snapshot.revision_id}
    for first in range(0, len(chosen), BATCH):
        logs = []
        for person, day in chosen[first : first + BATCH]:
            due = rules.log_due_at(
                day=day, position=person.position, rules=snapshot, working=True
            )
            late = due is not None and rng.random() < LATE_SHARE
            hours = rng.uniform(0.5, 6) if late else -rng.uniform(0.5, 8)
            filed = (due or _noon(day)) + datetime.timedelta(hours=hours)
            logs.append(
                WorkLog(
                    company_id=person.company_id,
                    person=person,
                    author=author[person.company_id],
                    day=day,
                    position=person.position,
                    due_at=due,
                    filed_at=filed,
                    late=rules.is_late(done_at=filed, due_at=due),
                    rules=rule_values
                    | {"due_time": due.time().isoformat() if due else None},
                )
            )
        logs = WorkLog.objects.bulk_create(logs)
        LogEntry.objects.bulk_create(
            LogEntry(
                log=log,
                code=routine.code,
                class_name_zh=routine.name_zh,
                class_name_en=routine.name_en,
                text="基站巡检，设备运行正常。",
                created_at=log.filed_at,
            )
            for log in logs
        )


def _noon(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12)).replace(
        tzinfo=CALENDAR_ZONE
    )


def _accounts_give(*, companies, per_company: int) -> list:
    """The first ``per_company`` people on duty of each company, each given a
    portal account."""
    people = []
    for company in companies:
        people += StaffMember.objects.filter(
            company=company, status=StaffMember.Status.ON_DUTY, user__isnull=True
        ).order_by("pk")[:per_company]
    User = get_user_model()
    accounts = User.objects.bulk_create(
        User(username=f"bench-staff-{person.pk}") for person in people
    )
    for person, user in zip(people, accounts, strict=True):
        person.user = user
    StaffMember.objects.bulk_update(people, ["user"])
    return people
