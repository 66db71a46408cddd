"""Each approval level of a leave has its own due time, counted when it opens."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from viewflow.workflow.models import Task

from workflows.models import StepDeadline

pytestmark = pytest.mark.django_db
CST = ZoneInfo("Asia/Shanghai")


def at(*args) -> datetime:
    return datetime(*args, tzinfo=CST)


def decide(client, leave):
    task = Task.objects.get(process_id=leave.pk, status__in=["NEW", "ASSIGNED"])
    url = reverse("workflows:task", args=[leave.pk, task.pk])
    return client.post(url, {"decision": "approved", "comment": ""})


def test_company_then_carrier_due_times_across_national_day(
    file_leave, manager_a, carrier, client_for
):
    with time_machine.travel(at(2025, 9, 29, 9, 0), tick=False):
        leave = file_leave(days=4, in_days=20)
    leave.refresh_from_db()
    # Company approval: 2 working days after Monday 29 September → 30 September
    # is the 1st, then 1-8 October off → 9 October.
    assert leave.due_at == at(2025, 10, 9, 9, 0)
    with time_machine.travel(at(2025, 10, 10, 14, 0), tick=False):
        assert decide(client_for(manager_a), leave).status_code == 302
    leave.refresh_from_db()
    # The carrier's level opens now: Saturday 11 October is worked, then Monday.
    assert leave.due_at == at(2025, 10, 13, 14, 0)
    company, carrier_row = StepDeadline.objects.filter(request=leave).order_by("pk")
    assert company.step == "leave.company" and company.late
    assert carrier_row.step == "leave.carrier" and carrier_row.closed_at is None
    with time_machine.travel(at(2025, 10, 11, 9, 0), tick=False):
        assert decide(client_for(carrier), leave).status_code == 302
    leave.refresh_from_db()
    carrier_row.refresh_from_db()
    assert leave.due_at is None and not carrier_row.late
