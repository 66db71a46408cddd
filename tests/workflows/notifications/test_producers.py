"""The events hooked to the flows: who hears each, and nobody of another company."""

import datetime
from types import SimpleNamespace

import pytest
import time_machine
from django.db import transaction

from registry.roles import Role
from workflows.delegation.services import task_reassign
from workflows.faults.escalation import sla_escalate
from workflows.faults.notices import chase_notify
from workflows.faults.services import sla_warn
from workflows.inspection.live import finding_notify
from workflows.notifications import events
from workflows.notifications.models import Notification
from workflows.obligations.services import EntryInput, log_file

pytestmark = pytest.mark.django_db


def told(event):
    rows = Notification.objects.filter(notice__event=event)
    return set(rows.values_list("user__username", flat=True))


@pytest.fixture
def people(make_user, company_b, engineer_a, manager_a, manager_b):
    make_user(Role.CONTRACTOR_ENGINEER, company_b, username="engineer_b")
    make_user(Role.MONITORING_CENTRE, username="noc_watch")
    make_user(Role.MAINTENANCE_MANAGER, username="carrier_mm")


def test_a_dispatch_tells_the_companys_duty_group_only(
    people,
    dispatch,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        ticket = dispatch(level=2)
    assert told(events.FAULT_DISPATCHED) == {"engineer_a"}
    notice = Notification.objects.get().notice
    assert notice.company_id == ticket.company_id
    assert notice.params["reference"] == ticket.reference
    assert notice.link == f"/requests/{ticket.pk}/"


def test_warning_and_escalation_tell_the_company_and_the_centre(
    people,
    dispatch,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        ticket = dispatch(level=2)
        with transaction.atomic():
            sla_warn(ticket=ticket, task=None)
        with time_machine.travel(ticket.sla_due_at, tick=False):
            with transaction.atomic():
                sla_escalate(ticket=ticket, task=None)
            with transaction.atomic():
                sla_escalate(ticket=ticket, task=None)  # again: tells no one
    assert told(events.FAULT_WARNING) == {"engineer_a", "manager_a"}
    centre = {"noc", "noc_watch"}  # the dispatcher is of the centre too
    assert told(events.FAULT_ESCALATED) == {"engineer_a", "manager_a", *centre}
    escalated = Notification.objects.filter(notice__event=events.FAULT_ESCALATED)
    assert escalated.count() == 4  # once each, though escalation fired twice
    warning = Notification.objects.get(
        notice__event=events.FAULT_WARNING, user__username="manager_a"
    )
    assert warning.notice.params["percent"] == "80"


def test_a_chase_tells_who_acts_now(
    people,
    dispatch,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        ticket = dispatch(level=2)
        chase_notify(ticket, "请尽快处理")
    assert told(events.FAULT_CHASED) == {"engineer_a"}


def test_an_urgent_entry_tells_the_managers_and_the_centre(
    people,
    at,
    engineer,
    django_capture_on_commit_callbacks,
):
    with at(2026, 12, 4, 15, 0):
        with django_capture_on_commit_callbacks(execute=True):
            log_file(
                user=engineer,
                day=datetime.date(2026, 12, 4),
                entries=[
                    EntryInput(code="A", text="日常巡检"),
                    EntryInput(code="G", text="天河机房市电中断"),
                ],
            )
    assert told(events.LOG_URGENT) == {"manager_a", "noc_watch"}
    assert Notification.objects.filter(notice__event=events.LOG_URGENT).count() == 2


def test_a_finding_tells_the_carriers_and_the_companys_managers(
    people, company_a, site_a, django_capture_on_commit_callbacks
):
    finding = SimpleNamespace(
        company_id=company_a.pk,
        company=company_a,
        site=site_a,
        description="电池温度过高",
        description_en="Battery too hot",
    )
    with django_capture_on_commit_callbacks(execute=True):
        finding_notify(finding)
    assert told(events.INSPECTION_FINDING) == {"carrier_mm", "manager_a"}


def test_a_moved_task_tells_its_new_holder(
    claimed_task,
    manager_a2,
    carrier_admin,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        task_reassign(
            task_pk=claimed_task.pk,
            actor=carrier_admin,
            new_owner=manager_a2,
            reason="出差",
        )
    assert told(events.TASK_ASSIGNED) == {"manager_a2"}
    notice = Notification.objects.get().notice
    assert notice.params["person"] == "carrier_admin"
    assert set(notice.params["step"]) == {"zh-hans", "en"}
