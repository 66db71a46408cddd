"""Approved leave on the roster: ON_LEAVE on its dates, back on duty after."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS
from viewflow.workflow.timers import fire_due_timers

from registry.calendar import CALENDAR_ZONE, local_today
from registry.models import StaffMember

pytestmark = pytest.mark.django_db
ON_DUTY, ON_LEAVE = StaffMember.Status.ON_DUTY, StaffMember.Status.ON_LEAVE


def approve(client, leave):
    task = Task.objects.get(process_id=leave.pk, flow_task_type="HUMAN", status="NEW")
    url = reverse("workflows:task", args=[leave.pk, task.pk])
    assert client.post(url, {"decision": "approved"}).status_code == 302


def timer_of(leave):
    return Task.objects.get(process_id=leave.pk, status=STATUS.SCHEDULED)


def fire_now(leave):
    """The dispatcher's run once the timer is due (``manage.py workflow_timers``)."""
    Task.objects.filter(pk=timer_of(leave).pk).update(scheduled=timezone.now())
    assert fire_due_timers() == 1


def status_of(person):
    person.refresh_from_db()
    return person.status


def midnight(day):
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=CALENDAR_ZONE)


def test_leave_starts_on_its_first_day_and_ends_after_its_last(
    file_leave, person_a, manager_a, client_for
):
    leave = file_leave(days=2, in_days=1)
    approve(client_for(manager_a), leave)
    assert status_of(person_a) == ON_DUTY
    assert timer_of(leave).scheduled == midnight(leave.start_date)

    fire_now(leave)
    assert status_of(person_a) == ON_LEAVE
    assert timer_of(leave).scheduled == midnight(
        leave.end_date + datetime.timedelta(days=1)
    )
    fire_now(leave)
    assert status_of(person_a) == ON_DUTY
    leave.refresh_from_db()
    assert leave.status == PROCESS.DONE
    assert leave.began_on == leave.start_date
    assert leave.ended_on == leave.end_date + datetime.timedelta(days=1)
    assert list(leave.transitions.values_list("action", flat=True))[-2:] == [
        "applied",
        "ended",
    ]


def test_leave_from_today_shows_on_the_roster_and_the_request_page(
    file_leave, person_a, manager_a, client_for
):
    leave = file_leave(days=3, in_days=0)
    client = client_for(manager_a)
    approve(client, leave)
    assert status_of(person_a) == ON_LEAVE
    page = client.get(reverse("workflows:request", args=[leave.pk])).content.decode()
    assert 'data-roster="on_leave"' in page
    roster = client.get(reverse("registry:staff"), {"status": "on_leave"})
    assert "张伟" in roster.content.decode()


def test_back_to_back_leaves_keep_the_person_away_in_either_order(
    file_leave, person_a, manager_a, client_for
):
    client = client_for(manager_a)
    first = file_leave(days=1, in_days=0)
    second = file_leave(days=2, in_days=1)
    approve(client, first)
    approve(client, second)
    assert status_of(person_a) == ON_LEAVE
    fire_now(second)  # the second begins before the first one's end fires
    fire_now(first)
    assert status_of(person_a) == ON_LEAVE
    fire_now(second)
    assert status_of(person_a) == ON_DUTY


def test_leave_approved_after_it_ended_changes_no_status(
    file_leave, person_a, manager_a, client_for
):
    leave = file_leave(days=2, in_days=-5)
    approve(client_for(manager_a), leave)
    leave.refresh_from_db()
    assert leave.status == PROCESS.DONE and leave.ended_on is not None
    assert status_of(person_a) == ON_DUTY
    assert local_today() > leave.end_date
