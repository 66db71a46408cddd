"""The upgrade's time rules, as plain decisions.

* A proposed or approved window lies ahead (not in the past) and ends after
  it starts; work is reported only inside the approved window.
* The application limit (``upgrade_application``, CMS deadline rules): a
  request is filed at least that many working days before the day it is
  needed by, counted on the working calendar: (filed, needed] holds them.
* The confirmation limit (``upgrade_confirmation``): the carrier confirms
  receipt within that many working days (or hours) of the filing.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.models.deadlines import DeadlineUnit, Obligation
from home.rules import deadline_for
from registry.calendar import CALENDAR_ZONE, add_working_days, working_days_between
from workflows.notes import NoteMessage

WINDOW_IN_PAST = _("The window cannot start in the past.")
WINDOW_INVERTED = _("The window must end after it starts.")
BEFORE_WINDOW = _(
    "The approved window opens at %(start)s: the work cannot be reported before it."
)
AFTER_WINDOW = _(
    "The approved window closed at %(end)s: the work cannot be reported after it."
)
IN_FUTURE = _("This time is still ahead: report what has happened.")
BEFORE_START = _("The work cannot end before it started (%(start)s).")
ON_TIME_NOTE = NoteMessage(
    "upgrade.application_on_time",
    _("Filed %(working)s working days before it is needed (at least %(limit)s)."),
)
LATE_NOTE = NoteMessage(
    "upgrade.application_late",
    _(
        "Filed late: %(working)s working days before it is needed, at least "
        "%(limit)s are asked; the latest filing day was %(due)s."
    ),
    dates=("due",),
)


def window_validate(*, start: datetime, end: datetime, now: datetime, prefix: str):
    """A window lies ahead and is not inverted; errors on ``<prefix>_start/_end``."""
    if start < now:
        raise ValidationError({f"{prefix}_start": WINDOW_IN_PAST})
    if end <= start:
        raise ValidationError({f"{prefix}_end": WINDOW_INVERTED})


def inside_window_validate(*, moment: datetime, start, end, field: str) -> None:
    """``moment`` lies in the approved window [start, end]."""
    shown = {"start": _local(start), "end": _local(end)}
    if moment < start:
        raise ValidationError({field: BEFORE_WINDOW % shown})
    if moment > end:
        raise ValidationError({field: AFTER_WINDOW % shown})


def reported_time_validate(*, moment: datetime, now: datetime, field: str) -> None:
    if moment > now + timedelta(minutes=5):
        raise ValidationError({field: IN_FUTURE})


def due_after(*, moment: datetime, obligation: str, rules) -> datetime:
    """When an obligation started at ``moment`` is due (working days or hours)."""
    limit = deadline_for(obligation=obligation, rules=rules)
    if limit.unit == DeadlineUnit.HOURS:
        return moment + timedelta(hours=limit.amount)
    local = moment.astimezone(CALENDAR_ZONE)
    day = add_working_days(local.date(), limit.amount)
    return datetime.combine(day, local.timetz())


def confirmation_due(*, filed_at: datetime, rules) -> datetime:
    return due_after(
        moment=filed_at, obligation=Obligation.UPGRADE_CONFIRMATION, rules=rules
    )


def latest_filing_day(*, need_date: date, amount: int) -> date:
    """The last day with ``amount`` working days in (day, need_date]."""
    day = need_date - timedelta(days=amount)
    while working_days_between(day, need_date) < amount:
        day -= timedelta(days=1)
    while working_days_between(day + timedelta(days=1), need_date) >= amount:
        day += timedelta(days=1)
    return day


@dataclass(frozen=True)
class ApplicationCheck:
    """Whether a filing kept the application limit, with the values it read."""

    filed_on: date
    need_date: date
    limit: int
    unit: str
    working: int
    due: date
    revision_id: int

    @property
    def late(self) -> bool:
        return self.working < self.limit

    @property
    def notes(self) -> list[dict]:
        values = {"working": self.working, "limit": self.limit}
        if self.late:
            return [LATE_NOTE.note(**values, due=self.due)]
        return [ON_TIME_NOTE.note(**values)]

    def as_record(self) -> dict:
        return {
            "topic": "deadlines",
            "revision_id": self.revision_id,
            "upgrade_application": f"{self.limit} {self.unit}",
            "working_days_before_need": self.working,
            "late": self.late,
        }


def application_check(*, filed_on: date, need_date: date, rules) -> ApplicationCheck:
    """Count the working days from filing to the need date against the limit.

    An hours limit is read as whole days of 24 hours.
    """
    limit = deadline_for(obligation=Obligation.UPGRADE_APPLICATION, rules=rules)
    amount = limit.amount
    if limit.unit == DeadlineUnit.HOURS:
        amount = max(1, -(-amount // 24))
        working = (need_date - filed_on).days
        due = need_date - timedelta(days=amount)
    else:
        working = working_days_between(filed_on, need_date)
        due = latest_filing_day(need_date=need_date, amount=amount)
    return ApplicationCheck(
        filed_on=filed_on,
        need_date=need_date,
        limit=amount,
        unit=limit.unit,
        working=working,
        due=due,
        revision_id=rules.deadlines.revision_id,
    )


def _local(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")
