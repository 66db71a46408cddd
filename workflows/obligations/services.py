"""Writes of the daily work log: file a day's entries; urgent ones escalate."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.rules import current_rules
from registry.calendar import is_working_day, local_today
from registry.models import StaffMember
from workflows.services import person_lock

from . import rules
from .escalation import urgent_escalate
from .models import LogEntry, WorkLog

NO_STAFF_RECORD = _("Only staff members on duty file work logs.")
FUTURE_DAY = _("A log is filed for today or a day before, not for a later day.")
BEFORE_JOINING = _("That day is before you joined.")
UNKNOWN_CLASS = _("“%(code)s” is not a class of log entry.")
NO_ENTRIES = _("Write at least one entry.")
FILING_STATUSES = (StaffMember.Status.ON_DUTY, StaffMember.Status.ON_LEAVE)


@dataclass(frozen=True)
class EntryInput:
    code: str
    text: str


def log_person(user) -> StaffMember | None:
    """The staff record of ``user`` if they file logs (on duty, a position)."""
    person = getattr(user, "staff_record", None) if user.is_authenticated else None
    if person is None or person.status not in FILING_STATUSES:
        return None
    return person


def log_validate(*, user, day: date, entries: list[EntryInput]) -> StaffMember:
    person = log_person(user)
    if person is None:
        raise ValidationError(NO_STAFF_RECORD)
    if day > local_today():
        raise ValidationError({"day": FUTURE_DAY})
    if day < person.joined_on:
        raise ValidationError({"day": BEFORE_JOINING})
    if not entries:
        raise ValidationError(NO_ENTRIES)
    known = current_rules().obligations
    for entry in entries:
        if known.log_class(entry.code) is None:
            raise ValidationError(UNKNOWN_CLASS, params={"code": entry.code})
    return person


def log_file(*, user, day: date, entries: list[EntryInput]) -> WorkLog:
    """File ``entries`` in the user's log of ``day``.

    The first filing of a day makes the log and decides, then and there,
    whether it came in time (the due time and its rule revision are kept);
    later filings of that day add entries. Urgent entries are escalated once
    the transaction commits.
    """
    person = log_validate(user=user, day=day, entries=entries)
    snapshot = current_rules().obligations
    with transaction.atomic():
        person_lock(person_id=person.pk)
        now = timezone.now()
        log = WorkLog.objects.filter(person=person, day=day).first()
        if log is None:
            log = _log_create(user=user, person=person, day=day, now=now)
        rows = [_entry(log, snapshot.log_class(e.code), e.text, now) for e in entries]
        LogEntry.objects.bulk_create(rows)
        urgent = [row for row in rows if row.urgent]
        if urgent:
            urgent_escalate(log=log, entries=urgent, rules=snapshot)
    return log


def _log_create(*, user, person, day, now) -> WorkLog:
    snapshot = current_rules().obligations
    due = rules.log_due_at(
        day=day,
        position=person.position,
        rules=snapshot,
        working=is_working_day(day),
    )
    log = WorkLog(
        company_id=person.company_id,
        person=person,
        author=user,
        day=day,
        position=person.position,
        due_at=due,
        filed_at=now,
        late=rules.is_late(done_at=now, due_at=due),
        rules={
            "topic": "obligations",
            "revision_id": snapshot.revision_id,
            "due_time": due.time().isoformat() if due else None,
        },
    )
    log.full_clean()
    log.save()
    return log


def _entry(log, rule, text, now) -> LogEntry:
    entry = LogEntry(
        log=log,
        code=rule.code,
        class_name_zh=rule.name_zh,
        class_name_en=rule.name_en,
        urgent=rule.urgent,
        text=text,
        created_at=now,
    )
    entry.full_clean()
    return entry
