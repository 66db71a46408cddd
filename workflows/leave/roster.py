"""An approved leave on the roster: ON_LEAVE from its first day, back after its last.

The status is written on the staff member's row by the flow's timers (fired by
``manage.py workflow_timers``), so the roster, filters and exports read it like
any other status. Only a person on duty goes on leave (a trainee stays a
trainee), and a person comes back only when no other approved leave covers the
day, so back-to-back leaves fire in either order.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from registry.calendar import CALENDAR_ZONE, local_today
from registry.models import StaffMember
from workflows.services import transition_record

from .models import Leave
from .selectors import leave_covering


def leave_grant(*, leave: Leave, task) -> None:
    """The final approval: the leave holds its dates."""
    leave.outcome = Leave.Decision.APPROVED
    leave.save(update_fields=["outcome"])


def leave_begin(*, leave: Leave, task) -> None:
    """First day of leave (or approval, if later): the person goes on leave.

    A leave approved only after its last day changes no status.
    """
    person = StaffMember.objects.select_for_update().get(pk=leave.person_id)
    if not leave.has_ended and person.status == StaffMember.Status.ON_DUTY:
        _set_status(person, StaffMember.Status.ON_LEAVE)
    leave.began_on = leave.start_date
    leave.save(update_fields=["began_on"])
    transition_record(request=leave, action="applied", task=task)


def leave_end(*, leave: Leave, task) -> None:
    """The day after the last day: back on duty unless another leave goes on."""
    back_on = leave.end_date + timedelta(days=1)
    person = StaffMember.objects.select_for_update().get(pk=leave.person_id)
    day = max(back_on, local_today())  # the dispatcher may run late
    still_away = leave_covering(person_id=person.pk, day=day).exclude(pk=leave.pk)
    if person.status == StaffMember.Status.ON_LEAVE and not still_away.exists():
        _set_status(person, StaffMember.Status.ON_DUTY)
    leave.ended_on = back_on
    leave.save(update_fields=["ended_on"])
    transition_record(request=leave, action="ended", task=task)


def _set_status(person: StaffMember, status: str) -> None:
    person.status = status
    person.full_clean()
    person.save(update_fields=["status"])


def moment_of(day: date) -> datetime:
    """Midnight starting ``day`` in China: when a leave timer fires."""
    return timezone.make_aware(datetime.combine(day, time.min), CALENDAR_ZONE)


def leave_start_moment(leave: Leave) -> datetime:
    return moment_of(leave.start_date)


def leave_end_moment(leave: Leave) -> datetime:
    """The person is back on duty the day after the last day of leave."""
    return moment_of(leave.end_date + timedelta(days=1))
